"""Output formatters, one module per format; each turns reports into text."""
