\ Benchmark: classic integer workloads, sized by the constant ARG.

ARG 1 MAX CONSTANT SCALE

\ ---- recursive Fibonacci ------------------------------------------------
: FIB ( n -- f ) DUP 2 < IF EXIT THEN DUP 1- RECURSE SWAP 2 - RECURSE + ;

\ ---- sieve of Eratosthenes ----------------------------------------------
20000 CONSTANT SIEVE-MAX
CREATE FLAGS SIEVE-MAX ALLOT
: SIEVE ( n -- count )
  DUP 0 DO 1 FLAGS I + ! LOOP
  0 FLAGS ! 0 FLAGS 1+ !
  DUP 2 DO
    FLAGS I + @ IF
      I I * OVER < IF
        DUP I I * DO 0 FLAGS I + ! J +LOOP
      THEN
    THEN
  LOOP
  0 SWAP 0 DO FLAGS I + @ + LOOP ;

\ ---- pseudo-random numbers and sorting -----------------------------------
VARIABLE SEED
: RAND ( -- n ) SEED @ 1103515245 * 12345 + 2147483647 AND DUP SEED ! 65536 / ;
4000 CONSTANT NMAX
CREATE DATA NMAX ALLOT
: FILL-DATA ( n -- ) 0 DO RAND 10000 MOD DATA I + ! LOOP ;
: CELL@ ( i -- x ) DATA + @ ;
: SWAP-CELLS ( i j -- ) 2DUP CELL@ SWAP CELL@ ROT DATA + ! SWAP DATA + ! ;
\ insertion sort
: INSERT ( i -- )
  BEGIN
    DUP 0> IF DUP 1- CELL@ OVER CELL@ > ELSE FALSE THEN
  WHILE
    DUP DUP 1- SWAP-CELLS 1-
  REPEAT DROP ;
: ISORT ( n -- ) 1 ?DO I INSERT LOOP ;
: SORTED? ( n -- flag ) TRUE SWAP 1 ?DO I 1- CELL@ I CELL@ > IF DROP FALSE LEAVE THEN LOOP ;
: CHECKSUM ( n -- x ) 0 SWAP 0 DO 31 * I CELL@ + 1000000007 MOD LOOP ;

\ ---- Collatz ----------------------------------------------------------------
: COLLATZ ( n -- steps )
  0 SWAP BEGIN DUP 1 <> WHILE
    DUP 1 AND IF 3 * 1+ ELSE 2/ THEN SWAP 1+ SWAP
  REPEAT DROP ;
VARIABLE BEST  VARIABLE BEST-N
: LONGEST ( limit -- )
  0 BEST ! 1 DO I COLLATZ DUP BEST @ > IF BEST ! I BEST-N ! ELSE DROP THEN LOOP ;

\ ---- greatest common divisors --------------------------------------------------
: GCD ( a b -- g ) BEGIN ?DUP WHILE TUCK MOD REPEAT ;
: GCD-SUM ( n -- s ) 0 SWAP 1+ 1 DO I 1+ 1 DO I J GCD + LOOP LOOP ;

\ ---- driver -----------------------------------------------------------------------
." scale " SCALE . CR
." fib " 14 SCALE 2 / + 25 MIN DUP . FIB . CR
." primes " SCALE 1000 * SIEVE-MAX MIN DUP . SIEVE . CR
12345 SEED !
SCALE 200 * NMAX MIN CONSTANT N
N FILL-DATA
." unsorted " N CHECKSUM . N SORTED? . CR
N ISORT
." sorted " N CHECKSUM . N SORTED? . 0 CELL@ . N 1- CELL@ . CR
SCALE 2000 * LONGEST ." collatz " BEST-N @ . BEST @ . CR
." gcd " SCALE 20 * 200 MIN DUP . GCD-SUM . CR
