# Where `make install` put libprotokoll.so.0: it writes the directory here
# in the installed copy. None in a checkout, which finds build/ instead.
LIBDIR = None
