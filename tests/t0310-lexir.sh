#!/bin/sh
# LexedIr and Inst2vecPreprocessedText of a module lexed and normalised by
# hand.  Token ids are lltok::Kind of LLVM 19's llvm/AsmParser/LLToken.h.
. "$(dirname "$0")/lib.sh"


# tokens FILE KIND FROM N: N tokens from FROM tokens after the first of
# kind KIND, each as [id,kind,category,value], on one JSON line.
tokens() {
	jq -c --arg k "$2" --argjson from "$3" --argjson n "$4" '. as $t |
		($t.token_kind | index($k) + $from) as $i |
		[range($i; $i + $n) | [$t.token_id[.], $t.token_kind[.],
		    $t.token_category[.], $t.token_value[.]]]' "$1"
}

test_expect_success 'set up' '
	cg-reset -b "$FIXTURES/lexir-small.ll" >s0 &&
	cg-observe -o LexedIr <s0 >lex.json &&
	cg-observe -o Inst2vecPreprocessedText <s0 >i2v.json
'

test_expect_success 'LexedIr: four aligned arrays, known categories' '
	expect_equal "$(jq -c "keys" lex.json)" \
		"[\"token_category\",\"token_id\",\"token_kind\",\"token_value\"]" &&
	expect_equal "$(jq "[.[] | length] | unique | length" lex.json)" 1 &&
	expect_equal "$(jq -c "[.token_category[]] | unique" lex.json)" \
		"[\"apfloat\",\"apsint\",\"keyword\",\"marker\",\"strval\",\"type\",\"uintval\"]"
'

test_expect_success 'LexedIr: define i32 @f(i32 %x) {' '
	expect_equal "$(tokens lex.json kw_define 0 8)" "$(printf %s \
		"[[23,\"kw_define\",\"keyword\",\"\"],[510,\"Type\",\"type\",\"i32\"]," \
		"[492,\"GlobalVar\",\"strval\",\"f\"],[12,\"lparen\",\"marker\",\"\"]," \
		"[510,\"Type\",\"type\",\"i32\"],[494,\"LocalVar\",\"strval\",\"x\"]," \
		"[13,\"rparen\",\"marker\",\"\"],[8,\"lbrace\",\"marker\",\"\"]]")"
'

test_expect_success 'LexedIr: %2 = add nsw i32 %x, 1' '
	expect_equal "$(tokens lex.json kw_add -2 8)" "$(printf %s \
		"[[488,\"LocalVarID\",\"uintval\",\"2\"],[3,\"equal\",\"marker\",\"\"]," \
		"[317,\"kw_add\",\"keyword\",\"\"],[86,\"kw_nsw\",\"keyword\",\"\"]," \
		"[510,\"Type\",\"type\",\"i32\"],[494,\"LocalVar\",\"strval\",\"x\"]," \
		"[4,\"comma\",\"marker\",\"\"],[512,\"APSInt\",\"apsint\",\"1\"]]")"
'

test_expect_success 'LexedIr: a string constant, labels, numbers, #0' '
	expect_equal "$(tokens lex.json kw_c 0 4)" "$(printf %s \
		"[[106,\"kw_c\",\"keyword\",\"\"]," \
		"[496,\"StringConstant\",\"strval\",\"hi\\\\00\"]," \
		"[4,\"comma\",\"marker\",\"\"],[244,\"kw_align\",\"keyword\",\"\"]]")" &&
	expect_equal "$(tokens lex.json LabelStr 0 1)" \
		"[[491,\"LabelStr\",\"strval\",\"entry\"]]" &&
	expect_equal "$(tokens lex.json APFloat 0 1)" \
		"[[511,\"APFloat\",\"apfloat\",\"2.500000e+00\"]]" &&
	expect_equal "$(tokens lex.json kw_slt 4 1)" \
		"[[512,\"APSInt\",\"apsint\",\"-4\"]]" &&
	expect_equal "$(tokens lex.json AttrGrpID 0 1)" \
		"[[489,\"AttrGrpID\",\"uintval\",\"0\"]]"
'

test_expect_success 'LexedIr: comments are skipped' '
	expect_equal "$(jq "[.token_value[] | select(test(\"preds|ModuleID\"))] | length" lex.json)" 0
'

test_expect_success 'Inst2vecPreprocessedText: the hand-normalised statements' '
	jq . i2v.json >got &&
	jq . "$FIXTURES/lexir-small.inst2vec.json" >want &&
	diff -u want got
'

test_done
