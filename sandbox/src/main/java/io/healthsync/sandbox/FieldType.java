package io.healthsync.sandbox;

/** The describe field types the sandbox's objects use, with their describe and SOAP names. */
enum FieldType {
    ID("id", "tns:ID", Kind.TEXT),
    REFERENCE("reference", "tns:ID", Kind.TEXT),
    STRING("string", "xsd:string", Kind.TEXT),
    TEXTAREA("textarea", "xsd:string", Kind.TEXT),
    COMBOBOX("combobox", "xsd:string", Kind.TEXT),
    PICKLIST("picklist", "xsd:string", Kind.TEXT),
    EMAIL("email", "xsd:string", Kind.TEXT),
    BOOLEAN("boolean", "xsd:boolean", Kind.BOOLEAN),
    INT("int", "xsd:int", Kind.NUMBER),
    DOUBLE("double", "xsd:double", Kind.NUMBER),
    CURRENCY("currency", "xsd:double", Kind.NUMBER),
    PERCENT("percent", "xsd:double", Kind.NUMBER),
    DATE("date", "xsd:date", Kind.DATE),
    DATETIME("datetime", "xsd:dateTime", Kind.DATETIME);

    /** What a value of the field is in Java (String, Boolean, Number, LocalDate, Instant) and in SOQL. */
    enum Kind { TEXT, BOOLEAN, NUMBER, DATE, DATETIME }

    private final String describeName;
    private final String soapType;
    private final Kind kind;

    FieldType(String describeName, String soapType, Kind kind) {
        this.describeName = describeName;
        this.soapType = soapType;
        this.kind = kind;
    }

    String describeName() {
        return describeName;
    }

    String soapType() {
        return soapType;
    }

    Kind kind() {
        return kind;
    }

    /** Ids compare case-sensitively (as strings); other text compares the way SOQL does, ignoring case. */
    boolean isIdLike() {
        return this == ID || this == REFERENCE;
    }
}
