# Sieve of Eratosthenes over the bytes of a table, with the largest
# primes found checked again by trial division.  Limit: 4000*N + 1000.
        .eqv    MAXLIMIT, 100000
        .eqv    CHECKS, 12

        .data
msg_lim:    .asciiz "primes below "
msg_cnt:    .asciiz ": "
msg_twin:   .asciiz "twin prime pairs: "
msg_sum:    .asciiz "sum of primes: "
msg_gap:    .asciiz "largest gap: "
msg_after:  .asciiz " after "
msg_top:    .asciiz "largest:"
msg_ok:     .asciiz "trial division agrees\n"
msg_bad:    .asciiz "NOT PRIME: "
        .align  2
found:      .space  CHECKS * 4
sieve:      .space  MAXLIMIT

        .text
main:   addiu   $sp, $sp, -8
        sw      $ra, 4($sp)
        sw      $s0, 0($sp)
        li      $t0, 4000
        mul     $s0, $a0, $t0
        addiu   $s0, $s0, 1000          # limit
        ble     $s0, MAXLIMIT, lim_ok
        li      $s0, MAXLIMIT
lim_ok:
        # mark 2..limit-1 as candidates
        la      $t1, sieve
        li      $t0, 2
        li      $t2, 1
init:   bge     $t0, $s0, marked
        addu    $t3, $t1, $t0
        sb      $t2, 0($t3)
        addiu   $t0, $t0, 1
        b       init
marked:
        li      $t0, 2                  # p
outer:  mul     $t4, $t0, $t0
        bge     $t4, $s0, sieved
        addu    $t3, $t1, $t0
        lbu     $t5, 0($t3)
        beqz    $t5, next_p
inner:  bge     $t4, $s0, next_p        # cross out p*p, p*p+p, ...
        addu    $t3, $t1, $t4
        sb      $zero, 0($t3)
        addu    $t4, $t4, $t0
        b       inner
next_p: addiu   $t0, $t0, 1
        b       outer
sieved:
        # count, sum, twins, largest gap, and the last CHECKS primes
        move    $t5, $zero              # count
        move    $t6, $zero              # sum
        move    $t7, $zero              # twins
        move    $t8, $zero              # previous prime
        move    $s1, $zero              # largest gap
        move    $s2, $zero              # prime before the largest gap
        la      $s3, found
        move    $s4, $zero              # ring index
        li      $t0, 2
scan:   bge     $t0, $s0, scanned
        addu    $t3, $t1, $t0
        lbu     $t4, 0($t3)
        beqz    $t4, scan_next
        addiu   $t5, $t5, 1
        addu    $t6, $t6, $t0
        beqz    $t8, first
        subu    $t9, $t0, $t8
        bne     $t9, 2, no_twin
        addiu   $t7, $t7, 1
no_twin:
        ble     $t9, $s1, first
        move    $s1, $t9
        move    $s2, $t8
first:  move    $t8, $t0
        sll     $t3, $s4, 2
        addu    $t3, $s3, $t3
        sw      $t0, 0($t3)
        addiu   $s4, $s4, 1
        bne     $s4, CHECKS, scan_next
        move    $s4, $zero
scan_next:
        addiu   $t0, $t0, 1
        b       scan
scanned:
        la      $a0, msg_lim
        jal     puts
        move    $a0, $s0
        jal     putint
        la      $a0, msg_cnt
        jal     puts
        move    $a0, $t5
        jal     putint
        jal     newline
        la      $a0, msg_twin
        jal     puts
        move    $a0, $t7
        jal     putint
        jal     newline
        la      $a0, msg_sum
        jal     puts
        move    $a0, $t6
        li      $v0, 36
        syscall
        jal     newline
        la      $a0, msg_gap
        jal     puts
        move    $a0, $s1
        jal     putint
        la      $a0, msg_after
        jal     puts
        move    $a0, $s2
        jal     putint
        jal     newline

        # trial division of the remembered primes
        la      $a0, msg_top
        jal     puts
        li      $s5, 0
        li      $s6, 0                  # failures
check:  bge     $s5, CHECKS, checked
        addu    $t3, $s5, $s4           # oldest entry first
        blt     $t3, CHECKS, no_wrap
        addiu   $t3, $t3, -CHECKS
no_wrap:
        sll     $t3, $t3, 2
        addu    $t3, $s3, $t3
        lw      $s7, 0($t3)
        beqz    $s7, check_next
        li      $a0, ' '
        li      $v0, 11
        syscall
        move    $a0, $s7
        jal     putint
        move    $a0, $s7
        jal     is_prime
        bnez    $v0, check_next
        addiu   $s6, $s6, 1
check_next:
        addiu   $s5, $s5, 1
        b       check
checked:
        jal     newline
        bnez    $s6, failed
        la      $a0, msg_ok
        jal     puts
        li      $v0, 0
        b       out
failed: la      $a0, msg_bad
        jal     puts
        move    $a0, $s6
        jal     putint
        jal     newline
        li      $v0, 1
out:    lw      $s0, 0($sp)
        lw      $ra, 4($sp)
        addiu   $sp, $sp, 8
        jr      $ra

# is_prime(a0): 1 if a0 is prime, by odd trial divisors up to sqrt
is_prime:
        li      $v0, 0
        blt     $a0, 2, ip_done
        li      $v0, 1
        blt     $a0, 4, ip_done
        andi    $t0, $a0, 1
        beqz    $t0, ip_no
        li      $t0, 3
ip_loop:
        mul     $t1, $t0, $t0
        bgt     $t1, $a0, ip_done
        divu    $a0, $t0
        mfhi    $t1
        beqz    $t1, ip_no
        addiu   $t0, $t0, 2
        b       ip_loop
ip_no:  li      $v0, 0
ip_done:
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
