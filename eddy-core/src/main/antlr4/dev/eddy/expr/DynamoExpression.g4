// DynamoDB's expression language: condition (also filter and key condition), update and
// projection expressions. One grammar, three entry rules. Only the shape is checked here;
// function names, reserved words, placeholders and operand types are checked by AstBuilder
// and Resolver so that the messages match DynamoDB's.
grammar DynamoExpression;

// ---- condition / filter / key condition -------------------------------------------------

conditionExpression : orCondition EOF ;

orCondition  : andCondition (OR andCondition)* ;
andCondition : notCondition (AND notCondition)* ;
notCondition : NOT notCondition                                       # negation
             | primaryCondition                                       # primary
             ;

primaryCondition
    : operand comparator operand                                      # comparison
    | operand BETWEEN operand AND operand                             # between
    | operand IN '(' operand (',' operand)* ')'                       # in
    | function                                                        # functionCondition
    | '(' orCondition ')'                                             # parenthesised
    ;

comparator : '=' | '<>' | '<' | '<=' | '>' | '>=' ;

operand : path                                                        # pathOperand
        | VALUE_REF                                                   # valueOperand
        | function                                                    # functionOperand
        | '(' operand ')'                                             # parenthesisedOperand
        ;

function : IDENTIFIER '(' operand (',' operand)* ')' ;

// ---- update -----------------------------------------------------------------------------

updateExpression : clause+ EOF ;

clause : SET setAction (',' setAction)*                               # setClause
       | REMOVE updatePath (',' updatePath)*                          # removeClause
       | ADD updatePath VALUE_REF (',' updatePath VALUE_REF)*         # addClause
       | DELETE updatePath VALUE_REF (',' updatePath VALUE_REF)*      # deleteClause
       ;

setAction : updatePath '=' setValue ;

setValue : '(' setValue ')'                                           # parenthesisedSetValue
         | setOperand op=('+' | '-') setOperand                       # arithmetic
         | setOperand                                                 # plainSetValue
         ;

setOperand : updatePath                                               # setPath
           | VALUE_REF                                                # setValueRef
           | IDENTIFIER '(' setOperand (',' setOperand)* ')'          # setFunction
           | '(' setOperand ')'                                       # parenthesisedSetOperand
           ;

// In an update expression the clause keywords cannot name attributes.
updatePath : updateName pathStep* ;
updateName : IDENTIFIER | NAME_REF ;

// ---- projection -------------------------------------------------------------------------

projectionExpression : path (',' path)* EOF ;

// ---- document paths ---------------------------------------------------------------------

path : name pathStep* ;
pathStep : '.' name                                                   # mapStep
         | '[' INDEX ']'                                              # listStep
         ;
// Outside update expressions the clause keywords are ordinary (reserved) words.
name : IDENTIFIER | NAME_REF | SET | REMOVE | ADD | DELETE ;

// ---- tokens -----------------------------------------------------------------------------

AND     : [aA][nN][dD] ;
OR      : [oO][rR] ;
NOT     : [nN][oO][tT] ;
BETWEEN : [bB][eE][tT][wW][eE][eE][nN] ;
IN      : [iI][nN] ;
SET     : [sS][eE][tT] ;
REMOVE  : [rR][eE][mM][oO][vV][eE] ;
ADD     : [aA][dD][dD] ;
DELETE  : [dD][eE][lL][eE][tT][eE] ;

IDENTIFIER : [a-zA-Z_] [a-zA-Z0-9_]* ;
NAME_REF   : '#' [a-zA-Z0-9_]+ ;
VALUE_REF  : ':' [a-zA-Z0-9_]+ ;
INDEX      : [0-9]+ ;

WS : [ \t\r\n]+ -> skip ;

// Anything else becomes a token of its own so that the parser reports it as DynamoDB does
// ("Syntax error; token: ...") instead of the lexer failing.
UNKNOWN : . ;
