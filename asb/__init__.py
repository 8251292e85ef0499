"""ASB Assistant: shared settings, i18n, command line and process supervisor."""
