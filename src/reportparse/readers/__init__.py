"""One document in, one result out: the readers (PDF, web page) and the assembly of a document."""
