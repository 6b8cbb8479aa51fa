# The book's rules, included by the Makefile.
