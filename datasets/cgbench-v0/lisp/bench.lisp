; Benchmark program: classic recursive workloads whose size scales with *arg*.

(define (say label v) (display label) (display ": ") (write v) (newline))

; --- pseudo-random numbers (linear congruential generator) ---------------
(define seed 12345)
(define (rand!)
  (set! seed (modulo (+ (* seed 1103515245) 12345) 2147483648))
  (quotient seed 65536))
(define (random-list n)
  (let loop ((i 0) (acc ()))
    (if (= i n) acc (loop (+ i 1) (cons (modulo (rand!) 1000) acc)))))

; --- sorting ---------------------------------------------------------------
(define (merge a b)
  (cond ((null? a) b)
        ((null? b) a)
        ((<= (car a) (car b)) (cons (car a) (merge (cdr a) b)))
        (else (cons (car b) (merge a (cdr b))))))
(define (split l)
  (if (or (null? l) (null? (cdr l)))
      (list l ())
      (let ((rest (split (cddr l))))
        (list (cons (car l) (car rest)) (cons (cadr l) (cadr rest))))))
(define (merge-sort l)
  (if (or (null? l) (null? (cdr l)))
      l
      (let ((halves (split l)))
        (merge (merge-sort (car halves)) (merge-sort (cadr halves))))))

(define (quick-sort l)
  (if (null? l)
      ()
      (let ((p (car l)) (rest (cdr l)))
        (append (quick-sort (filter (lambda (x) (< x p)) rest))
                (list p)
                (quick-sort (filter (lambda (x) (>= x p)) rest))))))

(define (insert x sorted)
  (if (or (null? sorted) (<= x (car sorted)))
      (cons x sorted)
      (cons (car sorted) (insert x (cdr sorted)))))
(define (insertion-sort l) (foldl (lambda (acc x) (insert x acc)) () l))

(define (sorted? l)
  (or (null? l) (null? (cdr l))
      (and (<= (car l) (cadr l)) (sorted? (cdr l)))))

(define (checksum l)
  (foldl (lambda (acc x) (modulo (+ (* acc 31) x) 1000000007)) 7 l))

; --- tak and friends ---------------------------------------------------------
(define (tak x y z)
  (if (not (< y x)) z
      (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y))))
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (ack m n)
  (cond ((= m 0) (+ n 1))
        ((= n 0) (ack (- m 1) 1))
        (else (ack (- m 1) (ack m (- n 1))))))

; --- n queens ------------------------------------------------------------------
(define (safe? col placed dist)
  (or (null? placed)
      (and (not (= col (car placed)))
           (not (= (abs (- col (car placed))) dist))
           (safe? col (cdr placed) (+ dist 1)))))
(define (queens n)
  (let place ((row 0) (placed ()))
    (if (= row n)
        1
        (let try ((col 0) (count 0))
          (if (= col n)
              count
              (try (+ col 1)
                   (if (safe? col placed 1)
                       (+ count (place (+ row 1) (cons col placed)))
                       count)))))))

; --- symbolic differentiation ----------------------------------------------------
(define (deriv e x)
  (cond ((number? e) 0)
        ((symbol? e) (if (eq? e x) 1 0))
        ((eq? (car e) '+) (simplify-sum (deriv (cadr e) x) (deriv (caddr e) x)))
        ((eq? (car e) '*)
         (simplify-sum (simplify-product (cadr e) (deriv (caddr e) x))
                       (simplify-product (deriv (cadr e) x) (caddr e))))
        (else (error "unknown operator" e))))
(define (simplify-sum a b)
  (cond ((and (number? a) (number? b)) (+ a b))
        ((equal? a 0) b)
        ((equal? b 0) a)
        (else (list '+ a b))))
(define (simplify-product a b)
  (cond ((and (number? a) (number? b)) (* a b))
        ((or (equal? a 0) (equal? b 0)) 0)
        ((equal? a 1) b)
        ((equal? b 1) a)
        (else (list '* a b))))
(define (count-nodes e) (if (pair? e) (+ 1 (foldl + 0 (map count-nodes (cdr e)))) 1))
(define (poly n)
  (if (= n 0) 'x (list '+ (list '* n (list '* 'x (poly (- n 1)))) 'y)))

; --- primes by sieve over lists ----------------------------------------------------
(define (sieve l)
  (if (null? l) ()
      (let ((p (car l)))
        (cons p (sieve (filter (lambda (x) (not (= 0 (remainder x p)))) (cdr l)))))))
(define (range a b) (if (>= a b) () (cons a (range (+ a 1) b))))

; --- association-list word counting --------------------------------------------------
(define (count-into key alist)
  (let ((entry (assq key alist)))
    (if entry
        (begin (set-cdr! entry (+ (cdr entry) 1)) alist)
        (cons (cons key 1) alist))))
(define words '(alpha beta gamma delta alpha beta alpha epsilon gamma alpha))

; --- driver ------------------------------------------------------------------------
(define scale (if (< *arg* 1) 1 *arg*))
(say "scale" scale)

(define (repeat n thunk)
  (let loop ((i 1) (last ()))
    (if (> i n) last (loop (+ i 1) (thunk)))))

(let ((data (random-list (* 60 scale))))
  (let ((m (merge-sort data)) (q (quick-sort data)) (s (insertion-sort data)))
    (say "list length" (length data))
    (say "input checksum" (checksum data))
    (say "merge sorted" (sorted? m))
    (say "sorts agree" (and (equal? m q) (equal? q s)))
    (say "sorted checksum" (checksum m))
    (say "smallest five" (list (car m) (cadr m) (caddr m) (list-ref m 3) (list-ref m 4)))
    (say "largest" (car (last-pair m)))))

(say "fib" (fib (+ 10 (min scale 12))))
(say "tak" (repeat scale (lambda () (tak 12 8 4))))
(say "ack 2" (ack 2 (* 5 scale)))
(say "queens" (map queens (iota (+ 4 (min scale 4)))))
(let ((d (deriv (poly (+ 3 scale)) 'x)))
  (say "deriv nodes" (count-nodes d))
  (when (< scale 3) (say "deriv" d)))
(let ((ps (sieve (range 2 (+ 100 (* 40 scale))))))
  (say "primes" (length ps))
  (say "last prime" (car (last-pair ps))))
(say "word counts"
     (reverse (foldl (lambda (acc w) (count-into w acc)) () words)))
(say "garbage churn"
     (repeat (* 20 scale) (lambda () (length (map (lambda (x) (* x x)) (iota 200))))))
