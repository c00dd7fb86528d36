"""Static files finder for every registered theme's `static/` folder."""

from django.contrib.staticfiles.finders import FileSystemFinder
from django.core.files.storage import FileSystemStorage

from themes.registry import all_themes


class ThemeStaticFinder(FileSystemFinder):
    def __init__(self, app_names=None, *args, **kwargs):
        super().__init__(app_names, *args, **kwargs)
        self.locations = []
        self.storages = {}
        for theme in all_themes():
            if theme.static_dir.is_dir():
                root = str(theme.static_dir)
                self.locations.append(("", root))
                storage = FileSystemStorage(location=root)
                storage.prefix = ""
                self.storages[root] = storage

    def check(self, **kwargs):
        return []
