"""The grammar: ``grammar/speech.lark`` compiled by lark, its LALR table run over our tokens.

The parser (:mod:`speechparse.grammar.parser`) and the builder that turns
each reduction into a model node (:mod:`speechparse.grammar.build`).
"""
