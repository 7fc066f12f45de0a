"""The built-in checks, one module per check. Each registers through the
``replylint.rules`` entry-point group, exactly like a third-party plugin."""
