/*
 * The ARI text form (draft-ietf-dtn-ari), as the reference implementation reads it.
 *
 * Structure is carried by the characters / ( ) , ; = and by "//"; everything else is a value
 * segment (VALSEG) of URI characters and %XX escapes. Each segment is percent-decoded and then
 * read according to where it stands (a literal type, an identifier, a time...), which the builder
 * does, not this grammar. Spaces between tokens are skipped.
 */
grammar AriText;

text
   : ari EOF
   ;

ari
   : ARI_PREFIX? item
   ;

item
   : SLASH2 segment (SLASH segment)* SLASH? group? # absoluteRef
   | segment SLASH segment (SLASH segment)* SLASH? group? # relativeRef
   | SLASH segment SLASH typedBody # typedLiteral
   | segment # untypedLiteral
   ;

typedBody
   : keyed+ group*
   | group+
   | segment
   | /* empty: an error for every type, reported by the builder with the type's name */
   ;

keyed
   : segment EQ ari SEMI
   ;

group
   : LPAREN (groupItem (COMMA groupItem)*)? RPAREN
   ;

groupItem
   : keyed+ group # structuredItem
   | ari EQ ari # mapEntry
   | ari # plainItem
   ;

segment
   : VALSEG
   ;

ARI_PREFIX
   : [aA] [rR] [iI] ':'
   ;

SLASH2
   : '//'
   ;

SLASH
   : '/'
   ;

LPAREN
   : '('
   ;

RPAREN
   : ')'
   ;

COMMA
   : ','
   ;

SEMI
   : ';'
   ;

EQ
   : '='
   ;

VALSEG
   : ([A-Za-z0-9] | [\-._~!"'*+:@] | '%' HEXDIG HEXDIG)+
   ;

WS
   : [ \t\r\n]+ -> skip
   ;

fragment HEXDIG
   : [0-9A-Fa-f]
   ;
