// The surface syntax of Fides (spec sections 1, 3 and 4). See README.md beside
// this file for the choices the spec leaves open and how the syntax phase
// drives this grammar (per-declaration chunks, SLL then LL).
//
// Conventions:
// - Only `and or not in like if then else true false` are reserved. Every other
//   keyword is a token of its own but is accepted wherever a name is, through
//   the `ident` rule, so a field may be called `key`, `value` or `amount`.
// - Expressions are written as one rule per precedence level with loops, not
//   left recursion, so a long `a + b + c + …` is a flat node (no deep tree).
grammar Fides;

// The type of the last token handed out (skipped ones and comments do not
// count), so that TEMPLATE_STRING knows it follows `message`.
@lexer::members {
  size_t previousType_ = 0;

  std::unique_ptr<antlr4::Token> nextToken() override {
    std::unique_ptr<antlr4::Token> t = antlr4::Lexer::nextToken();
    if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) previousType_ = t->getType();
    return t;
  }
}

// ---------------------------------------------------------------------------
// Files and declarations

file : topDecl* EOF ;

// The syntax phase parses one top-level declaration at a time (see README.md).
chunk : topDecl EOF ;

// An expression embedded in a message template (`{expr}`).
exprOnly : expr EOF ;

topDecl
  : packHeader
  | importDecl
  | recordDecl
  | paramDecl
  | tableDecl
  | letDecl
  | defDecl
  | ruleDecl
  | scorecardDecl
  | groupDecl
  | testDecl
  ;

packHeader : PACK name=STRING VERSION version=STRING ;
importDecl : IMPORT path=STRING ;

recordDecl : RECORD name=ident label=STRING? (FROM inputFile=STRING)? KEY key=ident LBRACE fieldDecl* RBRACE ;
// `personal` marks a field whose values identify a person (masked by
// `fides-score --mask`); sema says which fields may carry it.
fieldDecl : name=ident COLON typeRef column=STRING? (VIA via=ident)? personal=PERSONAL? COMMA? ;

typeRef
  : SET LT elem=typeRef GT QUESTION?                        # SetType
  | MAP LT keyType=typeRef COMMA valueType=typeRef GT QUESTION? # MapType
  | LBRACK elem2=ident RBRACK QUESTION?                     # ListType
  | ident QUESTION?                                         # NamedType
  ;

// `range lo to hi` bounds the value (spec 9.5); both bounds are inclusive.
paramDecl : PARAM name=ident COLON typeRef ASSIGN value=expr (RANGE lo=expr TO hi=expr)? label=STRING? ;

tableDecl
  : TABLE name=ident COLON typeRef
    ( FROM path=STRING ( COLUMN column=STRING | KEY key=STRING VALUE value=STRING )
    | ASSIGN literal=expr
    )
  ;

letDecl : LET name=ident ASSIGN value=expr ;

defDecl : DEF name=ident LPAREN (defParam (COMMA defParam)*)? RPAREN COLON result=typeRef ASSIGN body=expr ;
defParam : name=ident COLON typeRef ;

// Clauses in any order; duplicates are reported when the AST is built.
ruleDecl : RULE name=ident title=STRING? LBRACE ruleClause* RBRACE ;
ruleClause
  : CATEGORY STRING                                           # CategoryClause
  | SEVERITY ident                                            # SeverityClause
  | VERDICT ident                                             # VerdictClause
  | forClause                                                 # RuleForClause
  | letDecl                                                   # RuleLetClause
  | WHEN expr                                                 # WhenClause
  | AMOUNT expr                                               # AmountClause
  | POINTS expr                                               # PointsClause
  | MESSAGE STRING                                            # MessageClause
  // `to` is listed first: `effective to (x) by d` is the upper bound (x), not a
  // call of a function named `to` (ANTLR resolves the ambiguity to the first).
  | EFFECTIVE (TO hi=expr | lo=expr (TO hi=expr)?)? BY by=expr # EffectiveClause
  ;
forClause : FOR var=ident COLON record=ident ;

// A derived record type: one row per distinct combination of key values over
// the rows of its `for` record (spec 9.1). Clauses in any order, like a rule's.
groupDecl : GROUP name=ident label=STRING? LBRACE groupClause* RBRACE ;
groupClause
  : forClause                                                 # GroupForClause
  | letDecl                                                   # GroupLetClause
  | KEY name=ident ASSIGN value=expr                          # GroupKeyClause
  | WHERE expr                                                # GroupWhereClause
  ;

scorecardDecl : SCORECARD name=ident title=STRING? LBRACE scorecardClause* RBRACE ;
scorecardClause
  : forClause                                                 # CardForClause
  | letDecl                                                   # CardLetClause
  | BASE expr                                                 # BaseClause
  | ITEM label=STRING ASSIGN value=expr (LIMIT lo=expr TO hi=expr)? # ItemClause
  | GRADE LBRACE gradeBand* RBRACE                            # GradeClause
  | REASONS INT HIGHEST?                                      # ReasonsClause
  ;
gradeBand : grade=STRING (WHEN cond=expr | OTHERWISE) ;

testDecl : TEST name=STRING LBRACE testClause* RBRACE ;
testClause
  : GIVEN record=ident LBRACE (fieldInit (COMMA fieldInit)* COMMA?)? RBRACE   # GivenClause
  | EXPECT HIT target=ident (ON key=STRING)? (AMOUNT amount=expr)?              # ExpectHit
  | EXPECT NO HIT target=ident (ON key=STRING)?                                 # ExpectNoHit
  | EXPECT COUNT target=ident EQ count=expr                                     # ExpectCount
  | EXPECT ERROR target=ident ON key=STRING                                     # ExpectError
  | EXPECT SCORE card=ident OF key=STRING (EQ score=expr)? (GRADE grade=STRING)? # ExpectScore
  ;
fieldInit : name=ident COLON value=expr ;

// ---------------------------------------------------------------------------
// Expressions, loosest first

expr
  : IF cond=expr THEN thenExpr=expr ELSE elseExpr=expr   # IfExpr
  | orExpr                                               # PlainExpr
  ;
orExpr : andExpr (OR andExpr)* ;
andExpr : notExpr (AND notExpr)* ;
notExpr
  : NOT notExpr          # NotOp
  | cmpExpr              # NotPlain
  ;
// Non-associative: `a < b < c` is a syntax error.
cmpExpr
  : coalesceExpr ( op=(EQ | NE | LT | LE | GT | GE) coalesceExpr
                 | NOT IN coalesceExpr
                 | IN coalesceExpr
                 | LIKE coalesceExpr )? ;
coalesceExpr : addExpr (COALESCE addExpr)* ;   // right-associative when built
addExpr : mulExpr (addOp mulExpr)* ;
addOp : PLUS | MINUS ;
mulExpr : unaryExpr (mulOp unaryExpr)* ;
mulOp : STAR | SLASH ;
unaryExpr
  : MINUS unaryExpr      # NegOp
  | postfixExpr          # UnaryPlain
  ;
postfixExpr : primary postfixOp* ;
postfixOp
  : DOT ident                       # FieldOp
  | QDOT ident                      # OptionalFieldOp
  | LBRACK expr RBRACK BANG?        # IndexOp
  | durationUnit                    # DurationOp
  ;
durationUnit : DAYS | DAY | WEEKS | WEEK | MONTHS | MONTH | YEARS | YEAR ;

primary
  : INT                                                             # IntLit
  | DECIMAL                                                         # DecimalLit
  | STRING                                                          # StringLit
  | DATE                                                            # DateLit
  | TRUE                                                            # TrueLit
  | FALSE                                                           # FalseLit
  | LPAREN expr RPAREN                                              # ParenExpr
  | aggregate                                                       # AggregateExpr
  | BINS subject=expr LBRACE binsBand* (OTHERWISE ARROW otherwise=expr)? RBRACE # BinsExpr
  | LBRACE (mapEntry (COMMA mapEntry)* COMMA?) RBRACE               # MapLit
  | LBRACE (expr (COMMA expr)* COMMA?)? RBRACE                      # SetLit
  | fn=ident LPAREN (expr (COMMA expr)*)? RPAREN                    # CallExpr
  | ident                                                           # NameExpr
  ;

// Aggregates come before calls: `count(x in C)` is an aggregate, not a call
// with the argument `x in C`; `min(a, b)` is a call.
aggregate
  : kind=(COUNT | EXISTS) LPAREN var=ident IN coll=expr (WHERE where=expr)? RPAREN
  | kind=(FIRST | LAST) LPAREN var=ident IN coll=expr (WHERE where=expr)? (ORDER BY order=expr)? RPAREN
  | kind=(SUM | MIN | MAX | AVG | MEDIAN | STDDEV) LPAREN value=expr FOR var=ident IN coll=expr (WHERE where=expr)? RPAREN
  | kind=PERCENTILE LPAREN pct=expr COMMA value=expr FOR var=ident IN coll=expr (WHERE where=expr)? RPAREN
  | kind=COUNT LPAREN DISTINCT value=expr FOR var=ident IN coll=expr (WHERE where=expr)? RPAREN
  ;

// Band bounds and values are additive-level expressions (no comparisons), so
// that `20 < 0.45` is never read across two bands; parenthesise anything looser.
binsBand : op=(LT | LE | GT | GE | EQ) bound=coalesceExpr ARROW value=coalesceExpr ;
mapEntry : key=expr COLON value=expr ;

// A name: an identifier or any contextual keyword.
ident
  : IDENT
  | PACK | VERSION | IMPORT | RECORD | KEY | VIA | PARAM | TABLE | FROM | COLUMN | VALUE
  | LET | DEF | RULE | CATEGORY | SEVERITY | VERDICT | FOR | WHEN | AMOUNT | POINTS
  | MESSAGE | EFFECTIVE | TO | BY | SCORECARD | BASE | ITEM | LIMIT | GRADE | OTHERWISE
  | REASONS | HIGHEST | GROUP | TEST | GIVEN | EXPECT | HIT | NO | ON | SCORE | OF | BINS
  | WHERE | ORDER | DISTINCT | COUNT | EXISTS | SUM | MIN | MAX | AVG | FIRST | LAST
  | MEDIAN | PERCENTILE | STDDEV
  | DAYS | DAY | WEEKS | WEEK | MONTHS | MONTH | YEARS | YEAR | RANGE | ERROR | PERSONAL | SET | MAP
  ;

// ---------------------------------------------------------------------------
// Lexer

// Reserved everywhere.
AND : 'and' ;
OR : 'or' ;
NOT : 'not' ;
IN : 'in' ;
LIKE : 'like' ;
IF : 'if' ;
THEN : 'then' ;
ELSE : 'else' ;
TRUE : 'true' ;
FALSE : 'false' ;

// Contextual.
PACK : 'pack' ;
VERSION : 'version' ;
IMPORT : 'import' ;
RECORD : 'record' ;
KEY : 'key' ;
VIA : 'via' ;
PARAM : 'param' ;
TABLE : 'table' ;
FROM : 'from' ;
COLUMN : 'column' ;
VALUE : 'value' ;
LET : 'let' ;
DEF : 'def' ;
RULE : 'rule' ;
CATEGORY : 'category' ;
SEVERITY : 'severity' ;
VERDICT : 'verdict' ;
FOR : 'for' ;
WHEN : 'when' ;
AMOUNT : 'amount' ;
POINTS : 'points' ;
MESSAGE : 'message' ;
EFFECTIVE : 'effective' ;
TO : 'to' ;
BY : 'by' ;
SCORECARD : 'scorecard' ;
BASE : 'base' ;
ITEM : 'item' ;
LIMIT : 'limit' ;
GRADE : 'grade' ;
OTHERWISE : 'otherwise' ;
REASONS : 'reasons' ;
HIGHEST : 'highest' ;
GROUP : 'group' ;
TEST : 'test' ;
GIVEN : 'given' ;
EXPECT : 'expect' ;
HIT : 'hit' ;
NO : 'no' ;
ON : 'on' ;
SCORE : 'score' ;
OF : 'of' ;
BINS : 'bins' ;
WHERE : 'where' ;
ORDER : 'order' ;
DISTINCT : 'distinct' ;
COUNT : 'count' ;
EXISTS : 'exists' ;
SUM : 'sum' ;
MIN : 'min' ;
MAX : 'max' ;
AVG : 'avg' ;
MEDIAN : 'median' ;
PERCENTILE : 'percentile' ;
STDDEV : 'stddev' ;
FIRST : 'first' ;
LAST : 'last' ;
DAYS : 'days' ;
DAY : 'day' ;
WEEKS : 'weeks' ;
WEEK : 'week' ;
MONTHS : 'months' ;
MONTH : 'month' ;
YEARS : 'years' ;
YEAR : 'year' ;
RANGE : 'range' ;
ERROR : 'error' ;
PERSONAL : 'personal' ;
// SET and MAP stay last: the syntax phase takes PACK … MAP as the contextual keywords.
SET : 'set' ;
MAP : 'map' ;

// Punctuation.
LPAREN : '(' ;
RPAREN : ')' ;
LBRACE : '{' ;
RBRACE : '}' ;
LBRACK : '[' ;
RBRACK : ']' ;
COMMA : ',' ;
COLON : ':' ;
DOT : '.' ;
ARROW : '=>' ;
EQ : '==' ;
NE : '!=' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;
ASSIGN : '=' ;
COALESCE : '??' ;
QDOT : '?.' ;
QUESTION : '?' ;
BANG : '!' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;

// Literals. A date is checked (month, day) when the AST is built.
DATE : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
DECIMAL : DIGIT+ '.' DIGIT+ ;
INT : DIGIT+ ;
// Escapes are decoded (and checked) when the AST is built.
// A message's string (the string right after the keyword `message`) may hold,
// inside its `{…}` expressions, string literals written with plain quotes:
// `message "结果 {if x then "是" else "否"}"`. Only there, so that `"{" + x + "}"`
// elsewhere stays three tokens. A template that is not well formed (an
// unmatched brace) falls back to STRING and is reported when the AST is built.
// The predicate stands at the right edge so that the lexer's DFA still caches
// every string's body (a predicate met earlier would turn caching off for it).
TEMPLATE_STRING
  : '"' ( ~["\\\r\n{}] | '\\' ~[\r\n] | '{{' | '}}' | TEMPLATE_EXPR )* '"' {previousType_ == MESSAGE}? -> type(STRING) ;
STRING : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"' ;
UNTERMINATED_STRING : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '\\'? ;

IDENT : [\p{L}_] [\p{L}\p{Nd}_]* ;

WS : [ \t\r\n\f]+ -> skip ;
// Comments are kept apart from the parser's tokens, for `fides fmt`.
COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;

// Anything else: reported by the syntax phase with the character it saw.
BAD_CHAR : . ;

fragment DIGIT : [0-9] ;
// `{…}` of a message template: nested braces balance; strings are skipped whole.
fragment TEMPLATE_EXPR : '{' ( ~["\\\r\n{}] | '\\' ~[\r\n] | INNER_STRING | TEMPLATE_EXPR )* '}' ;
fragment INNER_STRING : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"' ;
