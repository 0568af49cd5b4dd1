"""Site settings for local work: `pelican content -s pelicanconf.py` or `invoke build`."""

from pathlib import Path

from markdown.extensions.toc import slugify_unicode

# The domain core and our plugins are installed packages (`pip install -e .`, see README).
from kfq.discovery import IGNORED
from kfq.jinja_cache import TemplateCache
from kfq.order import newest_then_slug

ROOT = Path(__file__).resolve().parent

SITENAME = "《开发区建设》周刊"
SITE_TAGLINE = "报道山西省开发区建设发展 · 随《科学导报》出版"
SITEURL = ""
# Facts the weekly gives about itself, for the footer and 关于本刊 (kfq.publisher). A fact not
# known yet stays None and is shown nowhere, never guessed: no source the site has states the
# 主办单位, the 编辑部's postal address or the ICP 备案号. `office` defaults to the call's
# issuer; the phones and the 投稿邮箱 are the call's (content/data/calls/).
PUBLISHER = {"host": None, "office": None, "address": None, "icp": None}
RELATIVE_URLS = False
PATH = "content"
OUTPUT_PATH = "output"
THEME = str(ROOT / "theme")
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
DEFAULT_DATE = None

ARTICLE_PATHS = ["articles"]
# The weekly has no translations: Pelican's pairing of them by slug compares every article with
# every other (quadratic in the article count). The order it left stays (kfq.order).
ARTICLE_TRANSLATION_ID = None
ARTICLE_ORDER_BY = newest_then_slug
PAGE_PATHS = ["pages"]
# Photos are published as the resized, metadata-free copies kfq_images writes, never as
# the originals in content/images/ (which may carry the GPS position of the camera).
STATIC_PATHS: list[str] = []
ARTICLE_EXCLUDES: list[str] = []
# The files kfq.discovery passes over (hidden, backups); every other file under articles/
# is an article or stops the build by name.
IGNORE_FILES = [*IGNORED, "README.md"]
USE_FOLDER_AS_CATEGORY = False

# Every plugin is listed: setting PLUGINS turns off namespace discovery (design §7). Ours
# are installed packages, imported by their module names: no PLUGIN_PATHS.
PLUGINS = [
    "kfq_guard",
    "kfq_readings",
    "yaml_metadata",
    "kfq_reader",
    "sitemap",
    "kfq_validate",
    "kfq_templates",
    "kfq_catalog",
    "kfq_issues",
    "kfq_site",
    "kfq_images",
    "kfq_zones",
    "kfq_taxonomies",
    "kfq_submit",
    "kfq_feeds",
    "kfq_search",
    "kfq_quick",
    "kfq_yearend",
    "kfq_minify",
    "kfq_assets",
]

KFQ = {
    "DATA_DIR": "data",
    # Pelican only logs a plugin that fails to load; kfq_validate stops the build instead.
    "REQUIRED_PLUGINS": list(PLUGINS),
}

# Pelican's Jinja has no autoescape by default; only rendered Markdown is marked safe.
# Compiled templates are kept in Jinja's per-user cache folder (checked against each
# template's source and the compiling environment): compiling them took a sixth of the
# editors' quick rebuild. Every build makes its own environments (and `invoke livereload`
# forks a fresh build per save), so a template cannot change under a running build: without
# auto_reload Jinja no longer stats the template's file at every lookup.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "auto_reload": False,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    "bytecode_cache": TemplateCache(),
}

# `summary:` is plain text, as every other field: Pelican would render it as Markdown, which
# passes raw HTML (`summary: "<script>…"`) into every listing and feed.
FORMATTED_FIELDS: list[str] = []

ARTICLE_URL = "articles/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "articles/{date:%Y}/{date:%m}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# Drafts never reach output/ (design §7); the validator also drops them from the context.
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_URL = ""
DRAFT_PAGE_SAVE_AS = ""
ARTICLE_LANG_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
PAGE_LANG_SAVE_AS = ""

# Pelican's own taxonomy pages slug with unidecode (长子 → chang-zi); ours come from plugins.
# 404.html is the page the web server answers a missing address with (deploy/nginx/).
DIRECT_TEMPLATES = ["index", "404"]
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

DEFAULT_PAGINATION = 20
# Listings our plugins write (zone, term) paginate like the home page.
PAGINATED_TEMPLATES = {"index": None, "zone": None, "term": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Feeds are written by kfq_feeds (all authors, full titles, a feed per zone).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

SITEMAP = {
    "format": "xml",
    # The not-found page is no page of the site to index.
    "exclude": [r"^404\.html$"],
    "priorities": {"articles": 0.7, "indexes": 0.5, "pages": 0.3},
    "changefreqs": {"articles": "monthly", "indexes": "daily", "pages": "monthly"},
}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False, "slugify": slugify_unicode},
    },
    "output_format": "html5",
}

# The editors' quick rebuild (invoke livereload) turns the cache on; see tasks.py.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = True
# The office files of `invoke contributors` live in output/contributors/YYYY/ (design §4);
# a build must not delete them.
OUTPUT_RETENTION = [".git", "contributors"]
