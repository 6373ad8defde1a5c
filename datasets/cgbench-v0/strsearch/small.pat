the
keeper
steps
ana
baaa
aa
e
climbed the
counting
lighthouse
.\n
the night; their
