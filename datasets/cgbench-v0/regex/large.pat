# log-style searches over generated lines
error|warning
^\d\d\d\d-\d\d-\d\d
^2024-0[1-6]-.* (login|logout)
(user|admin|guest)=\d+
\d\d\d\d\d
colou?r
gr[ae]y
(abab)+
ab*c
^[a-z]+ [a-z]+$
\.$
(a|b|c)*c(a|b)
a..........b
(request|response) .*(timeout|retry)
^(alpha|beta)( [a-z]+)*$
(foo|bar|baz)(foo|bar|baz)?=\d
[^a-z0-9 =.-]
((a|b)+c)+
(a*)*b
(x|y|z)+
^.*(hit|miss).*(hit|miss).*$
