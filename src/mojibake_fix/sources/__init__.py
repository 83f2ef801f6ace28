"""Sources: turning bytes (text in any encoding, PDF) into text to clean."""


class InputError(ValueError):
    """Input that cannot be read as a document, with a one-line reason for the user."""
