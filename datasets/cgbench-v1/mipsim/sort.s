# Quicksort of pseudo-random numbers, checked against an insertion sort
# of a copy.  $a0 = N sets the size: 30*N + 20 numbers.
        .eqv    MAXN, 3000
        .eqv    PRINT_INT, 1
        .eqv    PRINT_STR, 4
        .eqv    PRINT_CHAR, 11

        .data
msg_n:      .asciiz "sorting "
msg_items:  .asciiz " numbers\n"
msg_first:  .asciiz "first:"
msg_last:   .asciiz "last: "
msg_sum:    .asciiz "checksum: "
msg_ok:     .asciiz "quicksort matches insertion sort\n"
msg_bad:    .asciiz "MISMATCH at index "
        .align  2
seed:       .word   0x2545f491
arr:        .space  MAXN * 4
copy:       .space  MAXN * 4

        .text
main:
        addiu   $sp, $sp, -24
        sw      $ra, 20($sp)
        sw      $s0, 16($sp)
        sw      $s1, 12($sp)
        sw      $s2, 8($sp)
        li      $t0, 30
        mul     $s0, $a0, $t0
        addiu   $s0, $s0, 20            # n
        ble     $s0, MAXN, size_ok
        li      $s0, MAXN
size_ok:
        la      $a0, msg_n
        li      $v0, PRINT_STR
        syscall
        move    $a0, $s0
        li      $v0, PRINT_INT
        syscall
        la      $a0, msg_items
        li      $v0, PRINT_STR
        syscall

        # fill both arrays with xorshift values modulo 100000
        lw      $t1, seed
        la      $t2, arr
        la      $t3, copy
        li      $t5, 100000
        li      $t6, 50000
        move    $t0, $zero
fill:   bge     $t0, $s0, filled
        sll     $t4, $t1, 13
        xor     $t1, $t1, $t4
        srl     $t4, $t1, 17
        xor     $t1, $t1, $t4
        sll     $t4, $t1, 5
        xor     $t1, $t1, $t4
        remu    $t4, $t1, $t5
        subu    $t4, $t4, $t6               # some negatives too
        sw      $t4, 0($t2)
        sw      $t4, 0($t3)
        addiu   $t2, $t2, 4
        addiu   $t3, $t3, 4
        addiu   $t0, $t0, 1
        b       fill
filled:
        sw      $t1, seed

        la      $a0, arr
        sll     $a1, $s0, 2
        addu    $a1, $a0, $a1
        addiu   $a1, $a1, -4            # address of the last element
        jal     qsort

        la      $a0, copy
        move    $a1, $s0
        jal     isort

        # compare, check order, and form a checksum
        la      $s1, arr
        la      $s2, copy
        move    $t0, $zero
        move    $t6, $zero              # checksum
        li      $t7, -2147483648        # previous value
check:  bge     $t0, $s0, checked
        sll     $t1, $t0, 2
        addu    $t2, $s1, $t1
        addu    $t3, $s2, $t1
        lw      $t4, 0($t2)
        lw      $t5, 0($t3)
        bne     $t4, $t5, bad
        blt     $t4, $t7, bad
        move    $t7, $t4
        addiu   $t8, $t0, 1
        mul     $t8, $t8, $t4
        addu    $t6, $t6, $t8
        sll     $t8, $t6, 7
        srl     $t9, $t6, 25
        or      $t6, $t8, $t9
        addiu   $t0, $t0, 1
        b       check
checked:
        la      $a0, msg_first
        li      $v0, PRINT_STR
        syscall
        move    $a0, $s1
        li      $a1, 5
        jal     print_list
        la      $a0, msg_last
        li      $v0, PRINT_STR
        syscall
        sll     $t0, $s0, 2
        addu    $a0, $s1, $t0
        addiu   $a0, $a0, -20
        li      $a1, 5
        jal     print_list
        la      $a0, msg_sum
        li      $v0, PRINT_STR
        syscall
        move    $a0, $t6
        li      $v0, 34
        syscall
        li      $a0, '\n'
        li      $v0, PRINT_CHAR
        syscall
        la      $a0, msg_ok
        li      $v0, PRINT_STR
        syscall
        move    $v0, $zero
        b       done
bad:    la      $a0, msg_bad
        li      $v0, PRINT_STR
        syscall
        move    $a0, $t0
        li      $v0, PRINT_INT
        syscall
        li      $a0, '\n'
        li      $v0, PRINT_CHAR
        syscall
        li      $v0, 1
done:   lw      $s2, 8($sp)
        lw      $s1, 12($sp)
        lw      $s0, 16($sp)
        lw      $ra, 20($sp)
        addiu   $sp, $sp, 24
        jr      $ra

# qsort(a0 = address of first, a1 = address of last), Hoare partition
# around the middle element.
qsort:  bge     $a0, $a1, qs_leaf
        addiu   $sp, $sp, -16
        sw      $ra, 12($sp)
        sw      $s0, 8($sp)
        sw      $s1, 4($sp)
        move    $s0, $a0
        move    $s1, $a1
        subu    $t0, $a1, $a0
        srl     $t0, $t0, 3
        sll     $t0, $t0, 2
        addu    $t0, $a0, $t0
        lw      $t9, 0($t0)             # pivot
        move    $t1, $a0
        move    $t2, $a1
qs_loop:
qs_i:   lw      $t3, 0($t1)
        bge     $t3, $t9, qs_j
        addiu   $t1, $t1, 4
        b       qs_i
qs_j:   lw      $t4, 0($t2)
        ble     $t4, $t9, qs_chk
        addiu   $t2, $t2, -4
        b       qs_j
qs_chk: bgt     $t1, $t2, qs_rec
        sw      $t4, 0($t1)
        sw      $t3, 0($t2)
        addiu   $t1, $t1, 4
        addiu   $t2, $t2, -4
        ble     $t1, $t2, qs_loop
qs_rec: sw      $t1, 0($sp)
        move    $a0, $s0
        move    $a1, $t2
        jal     qsort
        lw      $a0, 0($sp)
        move    $a1, $s1
        jal     qsort
        lw      $s1, 4($sp)
        lw      $s0, 8($sp)
        lw      $ra, 12($sp)
        addiu   $sp, $sp, 16
qs_leaf:
        jr      $ra

# isort(a0 = base, a1 = count)
isort:  li      $t0, 1
is_outer:
        bge     $t0, $a1, is_done
        sll     $t1, $t0, 2
        addu    $t1, $a0, $t1
        lw      $t2, 0($t1)             # key
        move    $t3, $t1
is_inner:
        beq     $t3, $a0, is_place
        lw      $t4, -4($t3)
        ble     $t4, $t2, is_place
        sw      $t4, 0($t3)
        addiu   $t3, $t3, -4
        b       is_inner
is_place:
        sw      $t2, 0($t3)
        addiu   $t0, $t0, 1
        b       is_outer
is_done:
        jr      $ra

# print_list(a0 = address, a1 = count): " x y z\n"
print_list:
        move    $t0, $a0
        move    $t1, $a1
pl_loop:
        blez    $t1, pl_end
        li      $a0, ' '
        li      $v0, PRINT_CHAR
        syscall
        lw      $a0, 0($t0)
        li      $v0, PRINT_INT
        syscall
        addiu   $t0, $t0, 4
        addiu   $t1, $t1, -1
        b       pl_loop
pl_end: li      $a0, '\n'
        li      $v0, PRINT_CHAR
        syscall
        jr      $ra
