package org.emotionanalyser.tenants.adapter;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The one conditional put of the module's tables: writes an item only while a condition on the stored item holds,
 * and says whether it did, so concurrent writers (a retried request, a redelivered message) cannot overwrite each
 * other.
 */
final class ConditionalPuts {

    private ConditionalPuts() {
    }

    /** Puts {@code item} if {@code condition} holds for the stored item; false when it does not. */
    static <T> boolean putIf(DynamoDbTable<T> table, Class<T> type, T item, Expression condition) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(type).item(item).conditionExpression(condition).build());
            return true;
        } catch (ConditionalCheckFailedException conditionFailed) {
            return false;
        }
    }

    /** Puts {@code item} unless an item with its key is stored; {@code keyAttribute} is a key attribute. */
    static <T> boolean putIfAbsent(DynamoDbTable<T> table, Class<T> type, T item, String keyAttribute) {
        return putIf(table, type, item,
                Expression.builder().expression("attribute_not_exists(" + keyAttribute + ")").build());
    }
}
