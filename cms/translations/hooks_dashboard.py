"""Admin hooks: filled in by the tool that owns this module."""
