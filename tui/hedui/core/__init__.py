"""The headless core: never imports textual."""
