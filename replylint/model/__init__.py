"""Trained models of replylint (the checks model and the jargon term model)."""
