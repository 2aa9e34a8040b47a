// The subset of PartiQL that DynamoDB accepts: SELECT, INSERT, UPDATE and DELETE on one table.
// Only the shape is checked here; PartiqlParser turns the tree into statements and reports
// errors with DynamoDB's wording.
grammar PartiQL;

options { caseInsensitive = true; }

statement : (select | insert | update | delete | exists) ';'? EOF ;

exists : EXISTS '(' select ')' ;

select : SELECT projection FROM target (WHERE condition)? (ORDER BY orderItem (',' orderItem)*)? ;
projection : '*' | path (',' path)* ;
orderItem : path (ASC | DESC)? ;
target : name ('.' name)? ;

insert : INSERT INTO name VALUE value ;

update : UPDATE name updateClause+ WHERE condition returning? ;
updateClause : SET setItem (',' setItem)*                               # setClause
             | REMOVE path (',' path)*                                  # removeClause
             ;
setItem : path '=' setValue ;
setValue : setValue '+' setValue                                        # plus
         | setValue '-' setValue                                        # minus
         | IDENTIFIER '(' setValue (',' setValue)* ')'                  # setFunction
         | path                                                         # setPath
         | value                                                        # setLiteral
         ;

delete : DELETE FROM name WHERE condition returning? ;

returning : RETURNING (ALL | MODIFIED) (OLD | NEW) '*' ;

condition : NOT condition                                               # not
          | condition AND condition                                     # and
          | condition OR condition                                      # or
          | '(' condition ')'                                           # parenthesised
          | operand comparator operand                                  # comparison
          | operand BETWEEN operand AND operand                         # between
          | operand IN ('[' | '(') value (',' value)* (']' | ')')       # in
          | operand IS NOT? (MISSING | NULL)                            # is
          | IDENTIFIER '(' operand (',' operand)* ')'                   # function
          ;

comparator : '=' | '<>' | '!=' | '<' | '<=' | '>' | '>=' ;

operand : IDENTIFIER '(' operand ')'                                    # sizeOperand
        | path                                                          # pathOperand
        | value                                                         # valueOperand
        ;

path : name pathStep* ;
pathStep : '.' name                                                     # member
         | '[' NUMBER ']'                                               # index
         | '[' STRING ']'                                               # key
         ;

name : IDENTIFIER | QUOTED_IDENTIFIER ;

value : STRING                                                          # string
      | '-'? NUMBER                                                     # number
      | '?'                                                             # parameter
      | (TRUE | FALSE)                                                  # boolean
      | NULL                                                            # null
      | '{' (STRING ':' value (',' STRING ':' value)*)? '}'             # tuple
      | '[' (value (',' value)*)? ']'                                   # list
      | '<<' (value (',' value)*)? '>>'                                 # set
      ;

SELECT : 'SELECT' ;
EXISTS : 'EXISTS' ;
FROM : 'FROM' ;
WHERE : 'WHERE' ;
ORDER : 'ORDER' ;
BY : 'BY' ;
ASC : 'ASC' ;
DESC : 'DESC' ;
INSERT : 'INSERT' ;
INTO : 'INTO' ;
VALUE : 'VALUE' ;
UPDATE : 'UPDATE' ;
SET : 'SET' ;
REMOVE : 'REMOVE' ;
DELETE : 'DELETE' ;
RETURNING : 'RETURNING' ;
ALL : 'ALL' ;
MODIFIED : 'MODIFIED' ;
OLD : 'OLD' ;
NEW : 'NEW' ;
AND : 'AND' ;
OR : 'OR' ;
NOT : 'NOT' ;
BETWEEN : 'BETWEEN' ;
IN : 'IN' ;
IS : 'IS' ;
MISSING : 'MISSING' ;
NULL : 'NULL' ;
TRUE : 'TRUE' ;
FALSE : 'FALSE' ;

IDENTIFIER : [a-z_] [a-z0-9_]* ;
QUOTED_IDENTIFIER : '"' ('""' | ~'"')* '"' ;
STRING : '\'' ('\'\'' | ~'\'')* '\'' ;
NUMBER : [0-9]+ ('.' [0-9]*)? ('e' [+-]? [0-9]+)? | '.' [0-9]+ ('e' [+-]? [0-9]+)? ;
WS : [ \t\r\n]+ -> skip ;
