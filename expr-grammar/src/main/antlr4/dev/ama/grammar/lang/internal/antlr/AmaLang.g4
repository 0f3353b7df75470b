/*
 * ama's operator language: statements (the AMA architecture's DEF, PROD and IF ... THEN, named
 * RULEs, TEMPLATEs, MACROs, GROUP and NAMESPACE declarations) and expressions.
 *
 * Expressions: infix, with the usual precedence (lowest first):
 * || OR, ^^ XOR, && AND, |, ^, &, == != === !==, < <= > >=, + -, * / %, unary - ! ~ NOT.
 * Operands: numbers, durations (30s, 24_hours, PT1S), time points (2026-01-01T00:00:00Z), text,
 * true/false, names of objects (resolved against the models the compiler knows), full references
 * (//org/model/TYPE/name) and any ARI in angle brackets (<ari:/TD/PT1S>).
 */
grammar AmaLang;

file
   : statement* EOF
   ;

statement
   : NAMESPACE nsRef ';'? # namespaceStmt
   | DECLARE nsRef '{' declaration* '}' ';'? # declareStmt
   | GROUP NAME '=' NUMBER ';'? # groupStmt
   | REPORT_TO destinations ';'? # reportToStmt
   | DEF '(' acl ',' NAME (':' NAME)? ',' expr ')' ';'? # defStmt
   | PROD '(' expr ',' items ')' (TO destinations)? ';'? # prodStmt
   | IF expr THEN action ';'? # ifStmt
   | RULE NAME ':' EVERY expr (START expr)? (MAX NUMBER)? DO action ';'? # tbrStmt
   | RULE NAME ':' IF expr THEN action (MIN_INTERVAL expr)? (MAX NUMBER)? ';'? # sbrStmt
   | TEMPLATE NAME '=' '[' items ']' ';'? # templateStmt
   | MACRO NAME '=' '[' action (',' action)* ']' ';'? # macroStmt
   ;

nsRef
   : NSREF
   ;

declaration
   : kind = NAME NAME (',' NAME)* ';'?
   ;

acl
   : '[' '*' ']'
   | '[' NAME (',' NAME)* ']'
   ;

items
   : expr (',' expr)*
   ;

destinations
   : STRING (',' STRING)*
   ;

action
   : REPORT '(' items ')' (TO destinations)? # reportAction
   | target = (NAME | REF) ('(' (expr (',' expr)*)? ')')? # callAction
   ;

exprOnly
   : expr EOF
   ;

expr
   : op = ('-' | '!' | '~' | NOT) expr # unary
   | expr op = ('*' | '/' | '%') expr # binary
   | expr op = ('+' | '-') expr # binary
   | expr op = ('<' | '<=' | '>' | '>=') expr # binary
   | expr op = ('==' | '!=' | '===' | '!==') expr # binary
   | expr op = '&' expr # binary
   | expr op = '^' expr # binary
   | expr op = '|' expr # binary
   | expr op = ('&&' | AND) expr # binary
   | expr op = ('^^' | XOR) expr # binary
   | expr op = ('||' | OR) expr # binary
   | '(' expr ')' # parens
   | operand # atom
   ;

operand
   : NUMBER # number
   | DURATION # duration
   | ISO_DURATION # duration
   | TIME_POINT # timePoint
   | STRING # text
   | (TRUE | FALSE) # bool
   | REF # fullRef
   | ARI # ariLiteral
   | NAME # name
   ;

NAMESPACE
   : 'NAMESPACE'
   ;

GROUP
   : 'GROUP'
   ;

DECLARE
   : 'DECLARE'
   ;

REPORT_TO
   : 'REPORT_TO'
   ;

DEF
   : 'DEF'
   ;

PROD
   : 'PROD'
   ;

IF
   : 'IF'
   ;

THEN
   : 'THEN'
   ;

RULE
   : 'RULE'
   ;

EVERY
   : 'EVERY'
   ;

START
   : 'START'
   ;

MAX
   : 'MAX'
   ;

MIN_INTERVAL
   : 'MIN_INTERVAL'
   ;

DO
   : 'DO'
   ;

TEMPLATE
   : 'TEMPLATE'
   ;

MACRO
   : 'MACRO'
   ;

REPORT
   : 'REPORT'
   ;

TO
   : 'TO'
   ;

AND
   : 'AND'
   ;

OR
   : 'OR'
   ;

XOR
   : 'XOR'
   ;

NOT
   : 'NOT'
   ;

TRUE
   : 'true'
   | 'TRUE'
   ;

FALSE
   : 'false'
   | 'FALSE'
   ;

TIME_POINT
   : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT 'T' DIGIT DIGIT ':' DIGIT DIGIT ':' DIGIT DIGIT ('.' DIGIT+)? 'Z'
   ;

DURATION
   : DIGITS ('.' DIGIT+)? ('ms' | 's' | 'm' | 'h' | 'd' | '_ms' | '_milliseconds' | '_second' | '_seconds' | '_minute' | '_minutes' | '_hour' | '_hours' | '_day' | '_days')
   ;

ISO_DURATION
   : 'P' (DIGITS 'D')? 'T' (DIGITS 'H')? (DIGITS 'M')? (DIGITS ('.' DIGIT+)? 'S')?
   ;

NUMBER
   : DIGITS ('.' DIGIT+)? ([eE] [+-]? DIGIT+)?
   | '0' [xX] [0-9a-fA-F] [0-9a-fA-F_]*
   | '0' [bB] [01] [01_]*
   ;

STRING
   : '"' (~ ["\\\r\n] | '\\' .)* '"'
   ;

REF
   : '//' SEG ('@' DIGIT+ '-' DIGIT+ '-' DIGIT+)? '/' SEG '/' SEG '/' SEG
   ;

NSREF
   : '//' SEG '/' SEG '/'?
   ;

ARI
   : '<' [aA] [rR] [iI] ':' ~ [>\r\n]* '>'
   ;

NAME
   : [A-Za-z_] [A-Za-z0-9_]* ('-' [A-Za-z0-9_]+)*
   ;

LINE_COMMENT
   : '#' ~ [\r\n]* -> skip
   ;

BLOCK_COMMENT
   : '/*' .*? '*/' -> skip
   ;

WS
   : [ \t\r\n]+ -> skip
   ;

OTHER
   : .
   ;

fragment SEG
   : [A-Za-z0-9_!.\-]+
   ;

fragment DIGITS
   : DIGIT (DIGIT | '_')*
   ;

fragment DIGIT
   : [0-9]
   ;
