"""The readers' views: handbook pages (handbook.py), the language switch (language.py), error pages (errors.py)."""
