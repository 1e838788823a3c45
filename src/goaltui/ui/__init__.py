"""The Textual editor. The only package that imports textual."""
