package io.logtojee.mail;

import java.util.Arrays;
import java.util.Optional;

/** Logto's template (usage) types, as its connector kit names them on the wire. */
public enum TemplateType {
  SIGN_IN("SignIn"),
  REGISTER("Register"),
  FORGOT_PASSWORD("ForgotPassword"),
  ORGANIZATION_INVITATION("OrganizationInvitation"),
  GENERIC("Generic"),
  USER_PERMISSION_VALIDATION("UserPermissionValidation"),
  BIND_NEW_IDENTIFIER("BindNewIdentifier"),
  MFA_VERIFICATION("MfaVerification"),
  BIND_MFA("BindMfa");

  private final String wireName;

  TemplateType(String wireName) {
    this.wireName = wireName;
  }

  /** The exact name Logto sends in {@code type} and uses in {@code usageType}, e.g. SignIn. */
  public String wireName() {
    return wireName;
  }

  /** The type with this exact (case-sensitive) wire name. */
  public static Optional<TemplateType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
