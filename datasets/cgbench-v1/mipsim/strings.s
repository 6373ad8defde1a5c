# String handling: lengths, palindromes, integer/text conversion both
# ways, word and letter counts, sorting words with strcmp, and a Caesar
# cipher round trip with a hash of each ciphertext.  N sets the rounds.
        .eqv    NWORDS, 10
        .eqv    NPHRASES, 5

        .data
text:   .ascii  "The quick brown fox jumps over the lazy dog, and then "
        .ascii  "the dog, being lazy, sleeps in the warm afternoon sun "
        .asciiz "while seven swans swim slowly across the quiet lake."
w0:     .asciiz "pear"
w1:     .asciiz "apple"
w2:     .asciiz "fig"
w3:     .asciiz "banana"
w4:     .asciiz "cherry"
w5:     .asciiz "apricot"
w6:     .asciiz "kiwi"
w7:     .asciiz "date"
w8:     .asciiz "grape"
w9:     .asciiz "bananas"
p0:     .asciiz "A man, a plan, a canal: Panama"
p1:     .asciiz "Never odd or even"
p2:     .asciiz "This is not one"
p3:     .asciiz "Was it a car or a cat I saw?"
p4:     .asciiz "abcda"
s_len:  .asciiz "lengths:"
s_pal:  .asciiz "palindromes:"
s_rev:  .asciiz "reversed: "
s_conv: .asciiz "conversions checked: "
s_wc:   .asciiz "words: "
s_let:  .asciiz ", most common letter: "
s_upper: .asciiz "upper: "
s_sort: .asciiz "sorted:"
s_hash: .asciiz "cipher hash: "
s_ok:   .asciiz "string checks passed\n"
s_bad:  .asciiz "string check FAILED: "
        .align  2
words:  .word   w0, w1, w2, w3, w4, w5, w6, w7, w8, w9
phrases: .word  p0, p1, p2, p3, p4
pal_expect: .byte 1, 1, 0, 1, 0
        .align  2
counts: .space  26 * 4
numbuf: .space  16
buf:    .space  256
cipher: .space  256

        .text
main:   addiu   $sp, $sp, -32
        sw      $ra, 28($sp)
        sw      $s0, 24($sp)
        sw      $s1, 20($sp)
        sw      $s2, 16($sp)
        sw      $s3, 12($sp)
        sw      $s4, 8($sp)
        move    $s0, $a0
        move    $s4, $zero              # failures

        # lengths of the words
        la      $a0, s_len
        jal     puts
        la      $s1, words
        li      $s2, 0
len_loop:
        bge     $s2, NWORDS, len_done
        li      $a0, ' '
        jal     putc
        lw      $a0, 0($s1)
        jal     strlen
        move    $a0, $v0
        jal     putint
        addiu   $s1, $s1, 4
        addiu   $s2, $s2, 1
        b       len_loop
len_done:
        jal     newline

        # palindromes, compared with the expected flags
        la      $a0, s_pal
        jal     puts
        li      $s2, 0
pal_loop:
        bge     $s2, NPHRASES, pal_done
        la      $t0, phrases
        sll     $t1, $s2, 2
        addu    $t0, $t0, $t1
        lw      $a0, 0($t0)
        jal     is_pal
        move    $s3, $v0
        li      $a0, ' '
        jal     putc
        move    $a0, $s3
        jal     putint
        la      $t0, pal_expect
        addu    $t0, $t0, $s2
        lbu     $t1, 0($t0)
        beq     $t1, $s3, pal_next
        addiu   $s4, $s4, 1
pal_next:
        addiu   $s2, $s2, 1
        b       pal_loop
pal_done:
        jal     newline

        # reverse the first phrase into buf
        la      $a0, s_rev
        jal     puts
        la      $a0, buf
        la      $a1, p0
        jal     strcpy
        la      $a0, buf
        jal     reverse
        la      $a0, buf
        jal     puts
        jal     newline

        # itoa and atoi on 40*N + 10 pseudo-random values
        li      $t0, 40
        mul     $s1, $s0, $t0
        addiu   $s1, $s1, 10
        li      $s2, 0
        li      $s3, 12345              # generator state
conv_loop:
        bge     $s2, $s1, conv_done
        li      $t0, 1103515245
        mul     $s3, $s3, $t0
        addiu   $s3, $s3, 12345
        move    $a0, $s3
        andi    $t0, $s2, 3             # shrink some values
        bnez    $t0, conv_full
        sra     $a0, $a0, 20
conv_full:
        bne     $s2, 7, conv_go
        li      $a0, -2147483648
conv_go:
        sw      $a0, 4($sp)
        la      $a1, numbuf
        jal     itoa
        la      $a0, numbuf
        jal     atoi
        lw      $t0, 4($sp)
        beq     $v0, $t0, conv_next
        addiu   $s4, $s4, 1
conv_next:
        addiu   $s2, $s2, 1
        b       conv_loop
conv_done:
        la      $a0, s_conv
        jal     puts
        move    $a0, $s1
        jal     putint
        li      $a0, ' '
        jal     putc
        la      $a0, numbuf             # the last one, as text
        jal     puts
        jal     newline

        # words and letters of the text
        la      $a0, text
        jal     count_text
        move    $s1, $v0
        la      $a0, s_wc
        jal     puts
        move    $a0, $s1
        jal     putint
        la      $a0, s_let
        jal     puts
        la      $t0, counts             # most common letter
        li      $t1, 0
        li      $t2, -1
        li      $t3, 0
best_loop:
        bge     $t1, 26, best_done
        lw      $t4, 0($t0)
        ble     $t4, $t2, best_next
        move    $t2, $t4
        move    $t3, $t1
best_next:
        addiu   $t0, $t0, 4
        addiu   $t1, $t1, 1
        b       best_loop
best_done:
        addiu   $a0, $t3, 'a'
        jal     putc
        li      $a0, ' '
        jal     putc
        move    $a0, $t2
        jal     putint
        jal     newline
        la      $a0, s_upper
        jal     puts
        la      $a0, buf
        la      $a1, text
        jal     strcpy
        la      $a0, buf
        jal     upcase
        sb      $zero, buf + 44
        la      $a0, buf
        jal     puts
        jal     newline

        # sort the word pointers
        la      $a0, words
        li      $a1, NWORDS
        jal     sort_words
        la      $a0, s_sort
        jal     puts
        la      $s1, words
        li      $s2, 0
sort_print:
        bge     $s2, NWORDS, sort_printed
        li      $a0, ' '
        jal     putc
        lw      $a0, 0($s1)
        jal     puts
        beqz    $s2, sort_next
        lw      $a0, -4($s1)
        lw      $a1, 0($s1)
        jal     strcmp
        blez    $v0, sort_next
        addiu   $s4, $s4, 1
sort_next:
        addiu   $s1, $s1, 4
        addiu   $s2, $s2, 1
        b       sort_print
sort_printed:
        jal     newline

        # Caesar cipher rounds: encrypt with k, hash, decrypt, compare
        la      $a0, s_hash
        jal     puts
        li      $t0, 3
        mul     $s1, $s0, $t0
        addiu   $s1, $s1, 2
        li      $s2, 0
        li      $s3, -2128831035        # running hash
ca_loop:
        bge     $s2, $s1, ca_done
        li      $t0, 25
        divu    $s2, $t0
        mfhi    $a2
        addiu   $a2, $a2, 1             # key 1..25
        sw      $a2, 4($sp)
        la      $a0, cipher
        la      $a1, text
        jal     caesar
        la      $a0, cipher
        move    $a1, $s3
        jal     hash
        move    $s3, $v0
        lw      $t0, 4($sp)
        li      $a2, 26
        subu    $a2, $a2, $t0
        la      $a0, buf
        la      $a1, cipher
        jal     caesar
        la      $a0, buf
        la      $a1, text
        jal     strcmp
        beqz    $v0, ca_next
        addiu   $s4, $s4, 1
ca_next:
        addiu   $s2, $s2, 1
        b       ca_loop
ca_done:
        move    $a0, $s3
        li      $v0, 34
        syscall
        jal     newline

        bnez    $s4, fail
        la      $a0, s_ok
        jal     puts
        b       main_out
fail:   la      $a0, s_bad
        jal     puts
        move    $a0, $s4
        jal     putint
        jal     newline
main_out:
        move    $v0, $s4
        lw      $s4, 8($sp)
        lw      $s3, 12($sp)
        lw      $s2, 16($sp)
        lw      $s1, 20($sp)
        lw      $s0, 24($sp)
        lw      $ra, 28($sp)
        addiu   $sp, $sp, 32
        jr      $ra

strlen: move    $v0, $a0
sl_loop:
        lbu     $t0, 0($v0)
        beqz    $t0, sl_end
        addiu   $v0, $v0, 1
        b       sl_loop
sl_end: subu    $v0, $v0, $a0
        jr      $ra

# strcpy(a0 = dst, a1 = src)
strcpy: lbu     $t0, 0($a1)
        sb      $t0, 0($a0)
        addiu   $a0, $a0, 1
        addiu   $a1, $a1, 1
        bnez    $t0, strcpy
        jr      $ra

# strcmp(a0, a1): <0, 0 or >0
strcmp: lbu     $t0, 0($a0)
        lbu     $t1, 0($a1)
        bne     $t0, $t1, sc_diff
        beqz    $t0, sc_diff
        addiu   $a0, $a0, 1
        addiu   $a1, $a1, 1
        b       strcmp
sc_diff:
        subu    $v0, $t0, $t1
        jr      $ra

# reverse(a0) in place
reverse:
        addiu   $sp, $sp, -8
        sw      $ra, 4($sp)
        sw      $a0, 0($sp)
        jal     strlen
        lw      $a0, 0($sp)
        addu    $t1, $a0, $v0
        addiu   $t1, $t1, -1
rv_loop:
        bgeu    $a0, $t1, rv_end
        lbu     $t2, 0($a0)
        lbu     $t3, 0($t1)
        sb      $t3, 0($a0)
        sb      $t2, 0($t1)
        addiu   $a0, $a0, 1
        addiu   $t1, $t1, -1
        b       rv_loop
rv_end: lw      $ra, 4($sp)
        addiu   $sp, $sp, 8
        jr      $ra

# lower(a0 = char): letter to lower case, or 0 if not a letter
lower:  addiu   $v0, $a0, -'A'
        bltu    $v0, 26, lw_up
        addiu   $v0, $a0, -'a'
        bltu    $v0, 26, lw_low
        li      $v0, 0
        jr      $ra
lw_up:  addiu   $v0, $a0, 'a' - 'A'
        jr      $ra
lw_low: move    $v0, $a0
        jr      $ra

# is_pal(a0): 1 if the letters read the same both ways, ignoring case
is_pal: addiu   $sp, $sp, -16
        sw      $ra, 12($sp)
        sw      $s0, 8($sp)
        sw      $s1, 4($sp)
        sw      $s2, 0($sp)
        move    $s0, $a0
        jal     strlen
        addu    $s1, $s0, $v0
        addiu   $s1, $s1, -1
ip_loop:
        bgeu    $s0, $s1, ip_yes
        lbu     $a0, 0($s0)
        jal     lower
        bnez    $v0, ip_right
        addiu   $s0, $s0, 1
        b       ip_loop
ip_right:
        move    $s2, $v0
        lbu     $a0, 0($s1)
        jal     lower
        bnez    $v0, ip_cmp
        addiu   $s1, $s1, -1
        b       ip_loop
ip_cmp: bne     $v0, $s2, ip_no
        addiu   $s0, $s0, 1
        addiu   $s1, $s1, -1
        b       ip_loop
ip_yes: li      $v0, 1
        b       ip_out
ip_no:  li      $v0, 0
ip_out: lw      $s2, 0($sp)
        lw      $s1, 4($sp)
        lw      $s0, 8($sp)
        lw      $ra, 12($sp)
        addiu   $sp, $sp, 16
        jr      $ra

# itoa(a0 = value, a1 = buffer): signed decimal
itoa:   move    $t0, $a1
        bgez    $a0, it_pos
        li      $t1, '-'
        sb      $t1, 0($t0)
        addiu   $t0, $t0, 1
        subu    $a0, $zero, $a0         # as unsigned, also right for -2^31
it_pos: move    $t2, $t0                # first digit
        li      $t3, 10
it_loop:
        divu    $a0, $t3
        mfhi    $t4
        mflo    $a0
        addiu   $t4, $t4, '0'
        sb      $t4, 0($t0)
        addiu   $t0, $t0, 1
        bnez    $a0, it_loop
        sb      $zero, 0($t0)
        addiu   $t0, $t0, -1
it_rev: bgeu    $t2, $t0, it_end
        lbu     $t4, 0($t2)
        lbu     $t5, 0($t0)
        sb      $t5, 0($t2)
        sb      $t4, 0($t0)
        addiu   $t2, $t2, 1
        addiu   $t0, $t0, -1
        b       it_rev
it_end: jr      $ra

# atoi(a0): signed decimal, wrapping like the machine does
atoi:   li      $v0, 0
        li      $t1, 0
        lbu     $t0, 0($a0)
        bne     $t0, '-', at_loop
        li      $t1, 1
        addiu   $a0, $a0, 1
at_loop:
        lbu     $t0, 0($a0)
        addiu   $t0, $t0, -'0'
        bgeu    $t0, 10, at_end
        sll     $t2, $v0, 3
        sll     $v0, $v0, 1
        addu    $v0, $v0, $t2
        addu    $v0, $v0, $t0
        addiu   $a0, $a0, 1
        b       at_loop
at_end: beqz    $t1, at_ret
        neg     $v0, $v0
at_ret: jr      $ra

# count_text(a0): fills counts[] with letter counts, returns words
count_text:
        la      $t0, counts
        li      $t1, 0
ct_clear:
        sw      $zero, 0($t0)
        addiu   $t0, $t0, 4
        addiu   $t1, $t1, 1
        blt     $t1, 26, ct_clear
        li      $v0, 0
        li      $t5, 0                  # inside a word
ct_loop:
        lbu     $t0, 0($a0)
        beqz    $t0, ct_end
        ori     $t1, $t0, 0x20
        addiu   $t1, $t1, -'a'
        bgeu    $t1, 26, ct_gap
        sll     $t2, $t1, 2
        la      $t3, counts
        addu    $t3, $t3, $t2
        lw      $t4, 0($t3)
        addiu   $t4, $t4, 1
        sw      $t4, 0($t3)
        bnez    $t5, ct_next
        li      $t5, 1
        addiu   $v0, $v0, 1
        b       ct_next
ct_gap: li      $t5, 0
ct_next:
        addiu   $a0, $a0, 1
        b       ct_loop
ct_end: jr      $ra

# upcase(a0) in place
upcase: lbu     $t0, 0($a0)
        beqz    $t0, up_end
        addiu   $t1, $t0, -'a'
        bgeu    $t1, 26, up_next
        addiu   $t0, $t0, 'A' - 'a'
        sb      $t0, 0($a0)
up_next:
        addiu   $a0, $a0, 1
        b       upcase
up_end: jr      $ra

# sort_words(a0 = pointer array, a1 = count): insertion sort by strcmp
sort_words:
        addiu   $sp, $sp, -24
        sw      $ra, 20($sp)
        sw      $s0, 16($sp)
        sw      $s1, 12($sp)
        sw      $s2, 8($sp)
        sw      $s3, 4($sp)
        sw      $s4, 0($sp)
        move    $s0, $a0
        move    $s1, $a1
        li      $s2, 1
sw_outer:
        bge     $s2, $s1, sw_done
        sll     $t0, $s2, 2
        addu    $s3, $s0, $t0           # slot
        lw      $s4, 0($s3)             # key
sw_inner:
        beq     $s3, $s0, sw_place
        lw      $a0, -4($s3)
        move    $a1, $s4
        jal     strcmp
        blez    $v0, sw_place
        lw      $t0, -4($s3)
        sw      $t0, 0($s3)
        addiu   $s3, $s3, -4
        b       sw_inner
sw_place:
        sw      $s4, 0($s3)
        addiu   $s2, $s2, 1
        b       sw_outer
sw_done:
        lw      $s4, 0($sp)
        lw      $s3, 4($sp)
        lw      $s2, 8($sp)
        lw      $s1, 12($sp)
        lw      $s0, 16($sp)
        lw      $ra, 20($sp)
        addiu   $sp, $sp, 24
        jr      $ra

# caesar(a0 = dst, a1 = src, a2 = key): shifts letters, keeps the rest
caesar: lbu     $t0, 0($a1)
        addiu   $t1, $t0, -'a'
        li      $t3, 'a'
        bltu    $t1, 26, ca_shift
        addiu   $t1, $t0, -'A'
        li      $t3, 'A'
        bgeu    $t1, 26, ca_store
ca_shift:
        addu    $t1, $t1, $a2
        blt     $t1, 26, ca_in
        addiu   $t1, $t1, -26
ca_in:  addu    $t0, $t1, $t3
ca_store:
        sb      $t0, 0($a0)
        addiu   $a0, $a0, 1
        addiu   $a1, $a1, 1
        bnez    $t0, caesar
        jr      $ra

# hash(a0 = string, a1 = start): FNV-1a over the bytes
hash:   move    $v0, $a1
        li      $t1, 16777619
hs_loop:
        lbu     $t0, 0($a0)
        beqz    $t0, hs_end
        xor     $v0, $v0, $t0
        mul     $v0, $v0, $t1
        addiu   $a0, $a0, 1
        b       hs_loop
hs_end: jr      $ra

puts:   li      $v0, 4
        syscall
        jr      $ra
putc:   li      $v0, 11
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
