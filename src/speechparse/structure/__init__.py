"""Structure: what each content is — title, byline, heading, body, trailer — as line tokens.

Takes the reading stage's contents and noise; decides the front matter, the
trailer and the levels of the numbered lines over the whole document, and
emits the tokens the grammar parses.
"""
