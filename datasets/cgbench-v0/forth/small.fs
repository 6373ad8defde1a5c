\ Feature tour of the interpreter.
." arithmetic: " 2 3 + . 10 3 - . 6 7 * . 17 5 / . 17 5 MOD . -17 5 / . -17 5 MOD . CR
." more: " 17 5 /MOD . . 10 3 4 */ . 5 NEGATE . -9 ABS . 3 8 MIN . 3 8 MAX . -7 2/ . 7 2* . CR
." logic: " 12 10 AND . 12 10 OR . 12 10 XOR . 0 INVERT . 1 4 LSHIFT . 256 2 RSHIFT . CR
." compare: " 3 4 < . 3 4 > . 5 5 = . 5 6 <> . 0 0= . -3 0< . 3 0> . CR
." stack: " 1 2 3 ROT . . . 1 2 3 -ROT . . . 1 2 OVER . . . 1 2 SWAP . . 1 2 NIP . 1 2 TUCK . . . CR
." pick: " 10 20 30 2 PICK . 2DROP DROP 7 8 2DUP . . . . 0 ?DUP . 5 ?DUP . . CR
1 2 3 .S CR DROP DROP DROP

: SQUARE ( n -- n*n ) DUP * ;
: CUBE DUP SQUARE * ;
." square/cube: " 7 SQUARE . 3 CUBE . CR

: FACT ( n -- n! ) DUP 1 > IF DUP 1- RECURSE * ELSE DROP 1 THEN ;
." fact: " 10 FACT . 20 FACT . CR

: FIB ( n -- fib ) DUP 2 < IF EXIT THEN DUP 1- RECURSE SWAP 2 - RECURSE + ;
." fib: " 0 FIB . 1 FIB . 10 FIB . 20 FIB . CR

: COUNTDOWN ( n -- ) BEGIN DUP . 1- DUP 0= UNTIL DROP ;
." countdown: " 5 COUNTDOWN CR

: GCD ( a b -- g ) BEGIN DUP WHILE TUCK MOD REPEAT DROP ;
." gcd: " 1071 462 GCD . 17 5 GCD . CR

: TABLE ( n -- ) 1+ 1 DO I 1+ 1 DO I J * 4 .R LOOP CR LOOP ;
4 TABLE

: EVENS ( n -- ) 0 DO I . 2 +LOOP ;
." evens: " 10 EVENS CR
: DOWN ( n -- ) 0 SWAP DO I . -1 +LOOP ;
." down: " 5 DOWN CR
: SKIP0 ( n -- ) 0 ?DO I . LOOP ." done" ;
." qdo: " 3 SKIP0 SPACE 0 SKIP0 CR
: FIRST-OVER ( n limit -- i ) SWAP 0 DO I DUP * OVER > IF DROP I LEAVE THEN LOOP ;
." leave: " 100 50 FIRST-OVER . CR

VARIABLE COUNTER
: BUMP 1 COUNTER +! ;
BUMP BUMP BUMP
." variable: " COUNTER @ . CR
42 CONSTANT ANSWER
." constant: " ANSWER . ARG . CR
CREATE SQUARES 10 CELLS ALLOT
: FILL-SQUARES 10 0 DO I I * SQUARES I + ! LOOP ;
: SUM-SQUARES 0 10 0 DO SQUARES I + @ + LOOP ;
FILL-SQUARES ." array sum: " SUM-SQUARES . CR
CREATE PRIMES 2 , 3 , 5 , 7 , 11 ,
." created: " PRIMES 4 + @ . HERE PRIMES - . CR
HEX ." hex: " 255 . FF . -1 U. 1F DECIMAL 6 .R CR
65 EMIT 66 EMIT BL EMIT 67 EMIT CR
SEE FACT
SEE FIRST-OVER
." errors follow" CR
1 0 /
NOSUCHWORD 1 2 3
." after errors: " DEPTH . CR
: BROKEN IF ;
." still alive" CR
