"""The demo: departments, pages, news, the library and Q&A that `seed_demo` builds, all by code."""
