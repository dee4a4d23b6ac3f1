"""Source adapters: the only code that does I/O (local folders, the Hugging Face Hub, declarations)."""
