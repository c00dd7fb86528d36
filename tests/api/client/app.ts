/**
 * What a mobile app for a customs department does with the public API, typed only through
 * the client generated from /api/openapi.json (openapi-typescript → `paths`, `components`).
 *
 * tests/api/test_client_contract.py generates the types from the served document and
 * compiles this file with `tsc --strict`: every field used here must be in the document.
 * Nothing is cast and nothing is `any`: a field the document leaves out is a compiler error.
 *
 * By hand: npx openapi-typescript http://hcm.localhost:8000/api/openapi.json -o generated/api.d.ts
 *          npx tsc --noEmit -p .
 */
import type { components, paths } from "@customs/api-schema";

// --- a thin typed fetch over the generated paths --------------------------------------------

type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : never;
type Responses<P extends keyof paths, M extends "get" | "post"> = paths[P][M] extends {
  responses: infer R;
}
  ? R
  : never;
type Ok<P extends keyof paths, M extends "get" | "post" = "get"> = JsonOf<
  Responses<P, M>[200 & keyof Responses<P, M>]
>;
type Created<P extends keyof paths> = JsonOf<Responses<P, "post">[201 & keyof Responses<P, "post">]>;
type Problem = components["schemas"]["Problem"];

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

const BASE = "https://haiquanhcm.gov.vn";

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(BASE + path, {
    ...init,
    headers: { Accept: "application/json", "Accept-Language": "vi", ...init?.headers },
  });
  const body: unknown = await response.json();
  if (!response.ok) throw new ApiError(body as Problem);
  return body as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined,
  );
  return entries.length ? "?" + new URLSearchParams(entries.map(([k, v]) => [k, String(v)])) : "";
}

// --- the department: branding and contact on the splash and "contact us" screens ----------

type Department = Ok<"/api/department/">;
type Logo = NonNullable<Department["branding"]["logo"]>;

export interface SplashScreen {
  title: string;
  colour: string;
  logoUrl: string | null;
  logoSize: { width: number; height: number } | null;
}

export function splash(department: Department): SplashScreen {
  const logo: Logo | null = department.branding.logo ?? null;
  const png = logo?.renditions.find((r) => r.format === "png" && r.size === "square");
  return {
    title: department.display_name ?? department.name,
    colour: department.branding.brand_colour,
    logoUrl: png?.url ?? null,
    logoSize: png ? { width: png.width, height: png.height } : null,
  };
}

export function contactLines(department: Department): string[] {
  const { address, phone, hotline, email, facebook_url, zalo_url } = department.contact;
  return [
    address,
    phone && `Điện thoại: ${phone}`,
    hotline && `Đường dây nóng: ${hotline}`,
    email && `Email: ${email}`,
    facebook_url,
    zalo_url,
  ].filter((line): line is string => Boolean(line));
}

// --- news: the list (with what the server says it used) and an article ----------------------

type NewsList = Ok<"/api/news/">;
type Article = Ok<"/api/news/{id}/">;
type Block = NonNullable<Article["body"]>[number];

export async function newsScreen(locale: "vi" | "en") {
  const list = await call<NewsList>(`/api/news/${query({ locale, fields: "title,date" })}`);
  const shownLocale: string = list.meta.locale;
  const fields: string[] = list.meta.fields;
  const order: string = list.meta.order;
  return { shownLocale, fields, order, total: list.meta.total_count, items: list.items };
}

export function renderBlock(block: Block): { key: string; kind: string; html: string } {
  const value: unknown = block.value;
  return {
    key: block.id,
    kind: block.type,
    html: typeof value === "string" ? value : "",
  };
}

export function articleScreen(article: Article) {
  const lead = article.lead_image;
  const hero = lead
    ? { src: lead.rendition.url, width: lead.rendition.width, height: lead.rendition.height }
    : null;
  return { title: article.title, hero, blocks: (article.body ?? []).map(renderBlock) };
}

// --- a procedure: everything the "how do I…" screen shows -----------------------------------

type Procedure = Ok<"/api/procedures/{code}/">;

export interface ProcedureScreen {
  title: string;
  agency: string;
  applicants: string;
  processingTime: string;
  fees: string;
  effectiveOn: Date | null;
  applyOnline: string | null;
  dossier: { document: string; originals: number; copies: number }[];
  steps: string[];
  forms: { title: string; url: string }[];
  legalBases: { number: string; title: string; detailUrl: string }[];
}

export function procedureScreen(procedure: Procedure): ProcedureScreen {
  return {
    title: procedure.title,
    agency: procedure.agency,
    applicants: procedure.applicants,
    processingTime: procedure.processing_time,
    fees: procedure.fees,
    effectiveOn: procedure.effective_on ? new Date(procedure.effective_on) : null,
    applyOnline: procedure.online_url || null,
    dossier: procedure.dossier.map((part) => ({
      document: part.value.item,
      originals: part.value.originals,
      copies: part.value.copies,
    })),
    steps: procedure.steps.map((step) => step.value),
    forms: procedure.forms.map((form) => ({ title: form.title, url: form.url })),
    legalBases: procedure.legal_bases.map((basis) => ({
      number: basis.number,
      title: basis.title,
      detailUrl: basis.detail_url,
    })),
  };
}

// --- offline sync from the change feed -------------------------------------------------------

type Changes = Ok<"/api/changes/">;
type Change = Changes["items"][number];

export function cacheKey(change: Change): string {
  if (change.action === "deleted") {
    return `${change.kind}:${change.id}`; // a tombstone: the item is gone, drop it
  }
  switch (change.kind) {
    case "procedure":
    case "local_note":
      return `procedure:${change.code ?? change.id}`;
    case "legal_document":
      return `legal:${change.number ?? change.id}`;
    default:
      return `page:${change.id}`;
  }
}

export function isNewer(change: Change, seen: Map<string, string>): boolean {
  if (change.action === "deleted") {
    return true;
  }
  const published = change.kind === "page" ? change.last_published_at : change.changed_at;
  const before = seen.get(cacheKey(change));
  return !published || !before || Date.parse(published) > Date.parse(before);
}

// --- questions: ask one, then follow it ------------------------------------------------------

type NewQuestion = NonNullable<
  paths["/api/questions/"]["post"]["requestBody"]
>["content"]["application/json"];
type Receipt = Created<"/api/questions/">;
type QuestionStatus = Ok<"/api/questions/status/">;

export async function ask(form: NewQuestion): Promise<string> {
  const receipt = await call<Receipt>("/api/questions/", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(form),
  });
  return `Mã câu hỏi ${receipt.reference}, hạn trả lời ${receipt.due_on}`;
}

export async function follow(reference: string, email: string): Promise<string> {
  const status = await call<QuestionStatus>(`/api/questions/status/${query({ reference, email })}`);
  return status.answer ?? `Trạng thái: ${status.status}`;
}

export const example: NewQuestion = {
  name: "Phạm Minh Châu",
  email: "chau.pham@dongnai.vn",
  topic: "origin",
  question: "Hàng nhập khẩu từ Hàn Quốc có C/O mẫu AK thì được hưởng thuế suất ưu đãi nào?",
  consent: true,
};
