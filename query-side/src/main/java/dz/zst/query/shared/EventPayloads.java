package dz.zst.query.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Event payloads as the audit histories show them (orders, B2B offers). */
public final class EventPayloads {
    private EventPayloads() {
    }

    /**
     * The payload as the API writes JSON (snake_case), typed ids shown as their plain values,
     * without the top-level fields no reader of the history may see.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> data(ObjectMapper json, Object payload, String... hiddenFields) {
        JsonNode tree = flattenIds(json.valueToTree(payload));
        if (tree instanceof ObjectNode object) {
            for (String hidden : hiddenFields) {
                object.remove(hidden);
            }
        }
        return json.convertValue(tree, Map.class);
    }

    private static JsonNode flattenIds(JsonNode node) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("value") && node.get("value").isTextual()) {
                return node.get("value");
            }
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> object.set(name, flattenIds(object.get(name))));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((ArrayNode) node).set(i, flattenIds(node.get(i)));
            }
        }
        return node;
    }
}
