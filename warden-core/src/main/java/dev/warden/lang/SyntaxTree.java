package dev.warden.lang;

import java.util.List;

/**
 * A parsed policy file.
 *
 * @param declarations the declarations that parsed, in order
 * @param comments every comment outside CEL text, in order
 * @param complete false when the parser skipped a whole declaration (or its name) to recover, so
 *     that the checker does not report unknown types that may just have been skipped
 */
record SyntaxTree(List<Declaration> declarations, List<Comment> comments, boolean complete) {
  SyntaxTree {
    declarations = List.copyOf(declarations);
    comments = List.copyOf(comments);
  }
}
