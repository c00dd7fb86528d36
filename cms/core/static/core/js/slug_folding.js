/*
 * Every slug field of the admin folds Vietnamese letters as you type ("Cảng Cát Lái" ->
 * "cang-cat-lai"). The page and snippet forms carry the folding table on their slug widget;
 * Wagtail's own forms that build a plain slug widget (copy a page) get it here: the table
 * (from search.text.folding_classes) is given to Wagtail's w-slug controller as its
 * `formatters` value, which it applies before slugifying.
 */
(() => {
  const formatters = document.currentScript && document.currentScript.dataset.formatters;
  if (!formatters) return;
  const selector = '[data-controller~="w-slug"]:not([data-w-slug-formatters-value])';
  const fold = (root) => {
    root.querySelectorAll(selector).forEach((input) => {
      input.setAttribute('data-w-slug-formatters-value', formatters);
    });
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => fold(document));
  } else {
    fold(document);
  }
})();
