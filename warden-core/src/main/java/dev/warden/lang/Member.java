package dev.warden.lang;

import dev.warden.model.RelationKind;
import java.util.List;

/** A member of a type declaration; its span runs from its first token to its {@code ;}. */
sealed interface Member {

  Span span();

  /**
   * {@code permissions = ["read"];} or {@code roles = ["admin"];}.
   *
   * @param kind permission or role
   * @param names the names in order
   * @param span the whole member
   * @param list from the opening to the closing bracket
   */
  record Names(RelationKind kind, List<Ident> names, Span span, Span list) implements Member {
    public Names {
      names = List.copyOf(names);
    }

    /** The keyword that introduces the list. */
    String keyword() {
      return kind == RelationKind.PERMISSION ? "permissions" : "roles";
    }
  }

  /** {@code relations = { parent: Folder, member: User | Group#member };}. */
  record Relations(List<RelationEntry> entries, Span span, Span list) implements Member {
    public Relations {
      entries = List.copyOf(entries);
    }
  }

  /** {@code attributes = { is_public: bool };}. */
  record Attributes(List<AttributeEntry> entries, Span span, Span list) implements Member {
    public Attributes {
      entries = List.copyOf(entries);
    }
  }

  /** {@code "read" if "contributor";}. */
  record Rule(Ident head, Expr body, Span span) implements Member {}

  /** One relation of a {@code relations} member. */
  record RelationEntry(Ident name, List<SubjectRef> subjects, Span span) {
    public RelationEntry {
      subjects = List.copyOf(subjects);
    }
  }

  /**
   * A subject type of a relation: {@code User}, {@code Group#member} or {@code User:*}.
   *
   * @param type the subject type
   * @param relation the userset relation, or null
   * @param wildcard true for {@code Type:*}
   * @param condition the condition after {@code with}, or null
   * @param span the whole subject
   */
  record SubjectRef(Ident type, Ident relation, boolean wildcard, Ident condition, Span span) {
    @Override
    public String toString() {
      String shape;
      if (wildcard) {
        shape = type.text() + ":*";
      } else {
        shape = relation == null ? type.text() : type.text() + "#" + relation.text();
      }
      return condition == null ? shape : shape + " with " + condition.text();
    }
  }

  /** One attribute of an {@code attributes} member. */
  record AttributeEntry(Ident name, TypeRef type, Span span) {}
}
