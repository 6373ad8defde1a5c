# Recursive functions, each checked against a closed form or a loop:
# Fibonacci, towers of Hanoi, Ackermann, permutations with a count of
# derangements, and modular exponentiation by squaring.
        .eqv    MODULUS, 65521

        .data
s_fib:      .asciiz "fib("
s_close:    .asciiz ") = "
s_calls:    .asciiz ", calls "
s_hanoi:    .asciiz "hanoi("
s_first:    .asciiz "), first moves:"
s_total:    .asciiz ", total "
s_eq:       .asciiz " = "
s_ack:      .asciiz "ack(2, "
s_perm:     .asciiz "permutations of "
s_der:      .asciiz ", derangements "
s_pow:      .asciiz "3^"
s_mod:      .asciiz " mod 65521 = "
s_ok:       .asciiz "all recursive results check\n"
s_bad:      .asciiz "check failed: "
        .align  2
calls:      .word   0
moves:      .word   0
perm:       .space  64
derange:    .word   0
perms:      .word   0

        .text
main:   addiu   $sp, $sp, -32
        sw      $ra, 28($sp)
        sw      $s0, 24($sp)
        sw      $s1, 20($sp)
        sw      $s2, 16($sp)
        move    $s0, $a0                # N
        move    $s2, $zero              # failed checks

        # Fibonacci
        addiu   $s1, $s0, 10
        sw      $zero, calls
        move    $a0, $s1
        jal     fib
        move    $t0, $v0
        la      $a0, s_fib
        jal     puts
        move    $a0, $s1
        jal     putint
        la      $a0, s_close
        jal     puts
        move    $a0, $t0
        jal     putint
        la      $a0, s_calls
        jal     puts
        lw      $a0, calls
        jal     putint
        jal     newline
        li      $t1, 0                  # iterative check
        li      $t2, 1
        move    $t3, $s1
fib_it: blez    $t3, fib_it_done
        addu    $t4, $t1, $t2
        move    $t1, $t2
        move    $t2, $t4
        addiu   $t3, $t3, -1
        b       fib_it
fib_it_done:
        beq     $t0, $t1, fib_ok
        addiu   $s2, $s2, 1
        li      $a0, 1
        jal     report
fib_ok:
        # Hanoi with 3 + N/2 discs; moves must be 2^k - 1
        srl     $s1, $s0, 1
        addiu   $s1, $s1, 3
        sw      $zero, moves
        la      $a0, s_hanoi
        jal     puts
        move    $a0, $s1
        jal     putint
        la      $a0, s_first
        jal     puts
        move    $a0, $s1
        li      $a1, 1
        li      $a2, 3
        li      $a3, 2
        jal     hanoi
        la      $a0, s_total
        jal     puts
        lw      $a0, moves
        jal     putint
        jal     newline
        li      $t0, 1
        sllv    $t0, $t0, $s1
        addiu   $t0, $t0, -1
        lw      $t1, moves
        beq     $t0, $t1, hanoi_ok
        addiu   $s2, $s2, 1
        li      $a0, 2
        jal     report
hanoi_ok:
        # Ackermann: A(2, n) = 2n + 3
        addiu   $s1, $s0, 3
        sw      $zero, calls
        li      $a0, 2
        move    $a1, $s1
        jal     ack
        move    $t0, $v0
        la      $a0, s_ack
        jal     puts
        move    $a0, $s1
        jal     putint
        la      $a0, s_close
        jal     puts
        move    $a0, $t0
        jal     putint
        la      $a0, s_calls
        jal     puts
        lw      $a0, calls
        jal     putint
        jal     newline
        sll     $t1, $s1, 1
        addiu   $t1, $t1, 3
        beq     $t0, $t1, ack_ok
        addiu   $s2, $s2, 1
        li      $a0, 3
        jal     report
ack_ok:
        # permutations of 1..m, m = 4 + N/4 (at most 7)
        li      $t0, 4
        divu    $s1, $s0, $t0
        addiu   $s1, $s1, 4
        ble     $s1, 7, m_ok
        li      $s1, 7
m_ok:   la      $t0, perm
        li      $t1, 0
perm_init:
        bge     $t1, $s1, perm_ready
        addiu   $t2, $t1, 1
        sw      $t2, 0($t0)
        addiu   $t0, $t0, 4
        addiu   $t1, $t1, 1
        b       perm_init
perm_ready:
        sw      $zero, perms
        sw      $zero, derange
        li      $a0, 0
        move    $a1, $s1
        jal     permute
        la      $a0, s_perm
        jal     puts
        move    $a0, $s1
        jal     putint
        la      $a0, s_eq
        jal     puts
        lw      $a0, perms
        jal     putint
        la      $a0, s_der
        jal     puts
        lw      $a0, derange
        jal     putint
        jal     newline
        # m! and D(m) = (m-1)(D(m-1) + D(m-2)) by loops
        li      $t0, 1                  # factorial
        li      $t1, 1                  # D(0)
        li      $t2, 0                  # D(1)
        li      $t3, 1
fact:   bgt     $t3, $s1, fact_done
        mul     $t0, $t0, $t3
        addiu   $t4, $t3, -1
        beqz    $t4, d_skip
        addu    $t5, $t1, $t2
        mul     $t5, $t5, $t4
        move    $t1, $t2
        move    $t2, $t5
d_skip: addiu   $t3, $t3, 1
        b       fact
fact_done:
        lw      $t4, perms
        lw      $t5, derange
        bne     $t0, $t4, perm_bad
        beq     $t2, $t5, perm_ok
perm_bad:
        addiu   $s2, $s2, 1
        li      $a0, 4
        jal     report
perm_ok:
        # 3^e mod p, recursively and by a loop
        li      $t0, 997
        mul     $s1, $s0, $t0
        addiu   $s1, $s1, 100
        li      $a0, 3
        move    $a1, $s1
        jal     powmod
        move    $t0, $v0
        la      $a0, s_pow
        jal     puts
        move    $a0, $s1
        jal     putint
        la      $a0, s_mod
        jal     puts
        move    $a0, $t0
        jal     putint
        jal     newline
        li      $t1, 1
        li      $t2, MODULUS
        move    $t3, $s1
        li      $t4, 3
pow_it: blez    $t3, pow_it_done
        multu   $t1, $t4
        mflo    $t1
        divu    $t1, $t2
        mfhi    $t1
        addiu   $t3, $t3, -1
        b       pow_it
pow_it_done:
        beq     $t0, $t1, pow_ok
        addiu   $s2, $s2, 1
        li      $a0, 5
        jal     report
pow_ok:
        bnez    $s2, main_out
        la      $a0, s_ok
        jal     puts
main_out:
        move    $v0, $s2
        lw      $s2, 16($sp)
        lw      $s1, 20($sp)
        lw      $s0, 24($sp)
        lw      $ra, 28($sp)
        addiu   $sp, $sp, 32
        jr      $ra

# fib(a0), counting calls
fib:    lw      $t0, calls
        addiu   $t0, $t0, 1
        sw      $t0, calls
        slti    $t0, $a0, 2
        beqz    $t0, fib_rec
        move    $v0, $a0
        jr      $ra
fib_rec:
        addiu   $sp, $sp, -12
        sw      $ra, 8($sp)
        sw      $s0, 4($sp)
        sw      $s1, 0($sp)
        move    $s0, $a0
        addiu   $a0, $s0, -1
        jal     fib
        move    $s1, $v0
        addiu   $a0, $s0, -2
        jal     fib
        addu    $v0, $v0, $s1
        lw      $s1, 0($sp)
        lw      $s0, 4($sp)
        lw      $ra, 8($sp)
        addiu   $sp, $sp, 12
        jr      $ra

# hanoi(a0 = discs, a1 = from, a2 = to, a3 = via); prints the first moves
hanoi:  beqz    $a0, hanoi_ret
        addiu   $sp, $sp, -20
        sw      $ra, 16($sp)
        sw      $a0, 12($sp)
        sw      $a1, 8($sp)
        sw      $a2, 4($sp)
        sw      $a3, 0($sp)
        addiu   $a0, $a0, -1
        move    $t0, $a2
        move    $a2, $a3
        move    $a3, $t0
        jal     hanoi
        lw      $t0, moves
        addiu   $t0, $t0, 1
        sw      $t0, moves
        bgt     $t0, 3, no_print
        li      $a0, ' '
        li      $v0, 11
        syscall
        lw      $a0, 8($sp)
        li      $v0, 1
        syscall
        li      $a0, '>'
        li      $v0, 11
        syscall
        lw      $a0, 4($sp)
        li      $v0, 1
        syscall
no_print:
        lw      $a0, 12($sp)
        addiu   $a0, $a0, -1
        lw      $a1, 0($sp)
        lw      $a2, 4($sp)
        lw      $a3, 8($sp)
        jal     hanoi
        lw      $ra, 16($sp)
        addiu   $sp, $sp, 20
hanoi_ret:
        jr      $ra

# ack(a0 = m, a1 = n)
ack:    lw      $t0, calls
        addiu   $t0, $t0, 1
        sw      $t0, calls
        bnez    $a0, ack_m
        addiu   $v0, $a1, 1
        jr      $ra
ack_m:  addiu   $sp, $sp, -8
        sw      $ra, 4($sp)
        sw      $a0, 0($sp)
        bnez    $a1, ack_mn
        addiu   $a0, $a0, -1
        li      $a1, 1
        jal     ack
        b       ack_ret
ack_mn: addiu   $a1, $a1, -1
        jal     ack                     # A(m, n-1)
        lw      $a0, 0($sp)
        addiu   $a0, $a0, -1
        move    $a1, $v0
        jal     ack
ack_ret:
        lw      $ra, 4($sp)
        addiu   $sp, $sp, 8
        jr      $ra

# permute(a0 = k, a1 = m): all orders of perm[k..m-1] by swapping
permute:
        blt     $a0, $a1, perm_rec
        lw      $t0, perms
        addiu   $t0, $t0, 1
        sw      $t0, perms
        la      $t0, perm               # derangement: perm[i] != i + 1
        li      $t1, 1
der_loop:
        bgt     $t1, $a1, der_yes
        lw      $t2, 0($t0)
        beq     $t2, $t1, der_no
        addiu   $t0, $t0, 4
        addiu   $t1, $t1, 1
        b       der_loop
der_yes:
        lw      $t0, derange
        addiu   $t0, $t0, 1
        sw      $t0, derange
der_no: jr      $ra
perm_rec:
        addiu   $sp, $sp, -16
        sw      $ra, 12($sp)
        sw      $s0, 8($sp)
        sw      $s1, 4($sp)
        sw      $s2, 0($sp)
        move    $s0, $a0
        move    $s1, $a1
        move    $s2, $a0                # i
perm_loop:
        bge     $s2, $s1, perm_done
        la      $t0, perm
        sll     $t1, $s0, 2
        addu    $t1, $t0, $t1
        sll     $t2, $s2, 2
        addu    $t2, $t0, $t2
        lw      $t3, 0($t1)
        lw      $t4, 0($t2)
        sw      $t4, 0($t1)
        sw      $t3, 0($t2)
        addiu   $a0, $s0, 1
        move    $a1, $s1
        jal     permute
        la      $t0, perm               # swap back
        sll     $t1, $s0, 2
        addu    $t1, $t0, $t1
        sll     $t2, $s2, 2
        addu    $t2, $t0, $t2
        lw      $t3, 0($t1)
        lw      $t4, 0($t2)
        sw      $t4, 0($t1)
        sw      $t3, 0($t2)
        addiu   $s2, $s2, 1
        b       perm_loop
perm_done:
        lw      $s2, 0($sp)
        lw      $s1, 4($sp)
        lw      $s0, 8($sp)
        lw      $ra, 12($sp)
        addiu   $sp, $sp, 16
        jr      $ra

# powmod(a0 = base, a1 = exponent) modulo MODULUS, by squaring
powmod: bnez    $a1, pm_rec
        li      $v0, 1
        jr      $ra
pm_rec: addiu   $sp, $sp, -8
        sw      $ra, 4($sp)
        sw      $a1, 0($sp)
        srl     $a1, $a1, 1
        jal     powmod
        li      $t1, MODULUS
        multu   $v0, $v0
        mflo    $t0
        divu    $t0, $t1
        mfhi    $v0
        lw      $a1, 0($sp)
        andi    $a1, $a1, 1
        beqz    $a1, pm_ret
        li      $t0, 3
        multu   $v0, $t0
        mflo    $t0
        divu    $t0, $t1
        mfhi    $v0
pm_ret: lw      $ra, 4($sp)
        addiu   $sp, $sp, 8
        jr      $ra

report: li      $v0, 4
        move    $t9, $a0
        la      $a0, s_bad
        syscall
        move    $a0, $t9
        li      $v0, 1
        syscall
        li      $a0, '\n'
        li      $v0, 11
        syscall
        jr      $ra

puts:   li      $v0, 4
        syscall
        jr      $ra
putint: li      $v0, 1
        syscall
        jr      $ra
newline:
        li      $a0, '\n'
        li      $v0, 11
        syscall
        jr      $ra
