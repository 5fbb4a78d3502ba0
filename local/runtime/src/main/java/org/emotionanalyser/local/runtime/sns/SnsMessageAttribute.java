package org.emotionanalyser.local.runtime.sns;

/**
 * One message attribute of a published message.
 *
 * @param dataType    String, String.Array, Number or Binary (optionally with a custom suffix)
 * @param stringValue the value of non-binary types
 * @param binaryValue the base64 value of Binary attributes
 */
public record SnsMessageAttribute(String dataType, String stringValue, String binaryValue) {

    String value() {
        return dataType.startsWith("Binary") ? binaryValue : stringValue;
    }
}
