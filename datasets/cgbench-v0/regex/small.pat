# literals and dot
fox
o.er
# anchors
^a
b$
^$
^ab$
^(ab)+$
# repetition
colou?r
gr[ae]y
s+i
is*
(ss|pp)i
a*
# classes and escapes
[0-9]+-[0-9]+
\d\d\d\d-\d\d-\d\d
^[^a-z]
\$\d+\.\d\d
x\+y
\w+=\w+
\s\s\s
[A-Z][a-z]+
# alternation and grouping
(cat|dog|fox)
(a|b)*abab
(user|admin)=(admin|guest)
((a|b)(a|b))+$
(|e)nd
# errors
a(b
*a
[z-a]
a|*
# exponential for a backtracker, linear for the automata
(a*)*b
(a|aa)+!
