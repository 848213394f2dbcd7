package io.billkit.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * The one JSON configuration of the API:
 * <ul>
 *   <li>every {@link BigDecimal} is written as a JSON <em>string</em> in plain notation ({@code "0.00003"},
 *       never {@code 3E-5}), so no client parses money or quantities into a binary float; on input both
 *       strings and numbers are accepted, with at most {@value #MAX_DECIMAL_DIGITS} digits before and after the
 *       point ({@code 1E+1000000} or {@code "1E-2147483647"} are 400s naming the field, not a million-digit value
 *       that later code would print, store or fail on);</li>
 *   <li>{@link Money} is {@code {"amount":"1250.00","currency":"USD"}};</li>
 *   <li>typed ids ({@code CustomerId}, {@code InvoiceId}, {@code SubscriptionId}, {@code MeterKey},
 *       {@code PlanCode}) are plain JSON strings;</li>
 *   <li>{@code java.time} values are ISO-8601 strings ({@code 2026-11-24T17:00:00Z});</li>
 *   <li>strings (values and object keys) must not contain U+0000 (PostgreSQL cannot store it in {@code text}, so it
 *       would otherwise fail late as a 500) nor a lone surrogate ({@code "\uD800"}, stored as {@code ?} otherwise);</li>
 *   <li>unknown properties, trailing tokens and nulls for primitives are rejected on input;</li>
 *   <li>{@code Optional.empty()} and nulls are left out of the output.</li>
 * </ul>
 */
final class Json {
    /** The most digits a decimal input may have before, and after, the decimal point. */
    static final int MAX_DECIMAL_DIGITS = 32;

    private Json() {
    }

    /** Why {@code value} is out of the accepted range, or null when it is within it. */
    static String outOfRange(BigDecimal value) {
        long integerDigits = (long) value.precision() - value.scale();
        if (integerDigits > MAX_DECIMAL_DIGITS) {
            return "the number has more than " + MAX_DECIMAL_DIGITS + " digits before the decimal point";
        }
        if (value.scale() > MAX_DECIMAL_DIGITS) {
            return "the number has more than " + MAX_DECIMAL_DIGITS + " digits after the decimal point";
        }
        return null;
    }

    static ObjectMapper newMapper() {
        SimpleModule billkit = new SimpleModule("billkit");
        billkit.addSerializer(BigDecimal.class, new PlainDecimalSerializer());
        billkit.addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer());
        billkit.addDeserializer(String.class, new NulFreeStringDeserializer());
        billkit.addKeyDeserializer(String.class, new NulFreeKeyDeserializer());
        billkit.addSerializer(Money.class, new MoneySerializer());
        billkit.addDeserializer(Money.class, new MoneyDeserializer());
        stringId(billkit, CustomerId.class, CustomerId::value, CustomerId::of);
        stringId(billkit, InvoiceId.class, InvoiceId::value, InvoiceId::of);
        stringId(billkit, SubscriptionId.class, SubscriptionId::value, SubscriptionId::of);
        stringId(billkit, MeterKey.class, MeterKey::value, MeterKey::of);
        stringId(billkit, PlanCode.class, PlanCode::value, PlanCode::of);
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(billkit)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
                .build();
    }

    private static <T> void stringId(SimpleModule module, Class<T> type, Function<T, String> toString,
                                     Function<String, T> parse) {
        module.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(toString.apply(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    @SuppressWarnings("unchecked")
                    T unexpected = (T) ctxt.handleUnexpectedToken(type, parser);
                    return unexpected;
                }
                String text = parser.getText();
                try {
                    return parse.apply(text);
                } catch (BillingException e) {
                    throw ctxt.weirdStringException(text, type, e.getMessage());
                }
            }
        });
    }

    private static final class PlainDecimalSerializer extends JsonSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toPlainString());
        }
    }

    private static final String NUL_MESSAGE = "strings must not contain the NUL character (\\u0000)";
    private static final String SURROGATE_MESSAGE = "strings must not contain a lone UTF-16 surrogate (\\uD800..\\uDFFF "
            + "without its pair): it is not a character and cannot be stored";

    /** The start of {@code text} without NUL characters or lone surrogates, for a problem's detail. */
    private static String preview(String text) {
        return LogText.preview(text.length() <= 40 ? text : text.substring(0, 40) + "...");
    }

    /** A JSON string longer than {@link TextBounds#ANY_STRING}; Jackson adds the field's path on the way out. */
    static final class TextTooLongException extends com.fasterxml.jackson.databind.JsonMappingException {
        private static final long serialVersionUID = 1L;

        TextTooLongException(JsonParser parser, int length) {
            super(parser, "strings must be at most " + TextBounds.ANY_STRING + " characters but one has " + length);
        }
    }

    /** Jackson's own String reading, refusing U+0000 and strings over {@link TextBounds#ANY_STRING}. */
    private static final class NulFreeStringDeserializer extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, ctxt);
            if (value != null && value.length() > TextBounds.ANY_STRING) {
                throw new TextTooLongException(parser, value.length());
            }
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw ctxt.weirdStringException(preview(value), String.class, NUL_MESSAGE);
            }
            if (value != null && StrictUtf8.hasLoneSurrogate(value)) {
                throw ctxt.weirdStringException(preview(value), String.class, SURROGATE_MESSAGE);
            }
            return value;
        }
    }

    /** Object keys (e.g. usage-event property names), refusing U+0000. */
    private static final class NulFreeKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (key.length() > TextBounds.ANY_STRING) {
                throw new TextTooLongException(ctxt.getParser(), key.length());
            }
            if (key.indexOf('\u0000') >= 0) {
                throw ctxt.weirdKeyException(String.class, preview(key), NUL_MESSAGE);
            }
            if (StrictUtf8.hasLoneSurrogate(key)) {
                throw ctxt.weirdKeyException(String.class, preview(key), SURROGATE_MESSAGE);
            }
            return key;
        }
    }

    /** Jackson's own BigDecimal reading (numbers and strings), refusing values {@link #outOfRange}. */
    private static final class BoundedDecimalDeserializer extends JsonDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
            BigDecimal value = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(parser, ctxt);
            String outOfRange = value == null ? null : outOfRange(value);
            if (outOfRange != null) {
                throw ctxt.weirdNumberException(value, BigDecimal.class, outOfRange);
            }
            return value;
        }
    }

    private static final class MoneySerializer extends JsonSerializer<Money> {
        @Override
        public void serialize(Money money, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("amount", money.amount().toPlainString());
            gen.writeStringField("currency", money.currencyCode());
            gen.writeEndObject();
        }
    }

    private static final class MoneyDeserializer extends JsonDeserializer<Money> {
        @Override
        public Money deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                return (Money) ctxt.handleUnexpectedToken(Money.class, parser);
            }
            JsonNode node = ctxt.readTree(parser);
            JsonNode amount = node.get("amount");
            JsonNode currency = node.get("currency");
            if (amount == null || !(amount.isTextual() || amount.isNumber())) {
                throw ctxt.weirdStringException(String.valueOf(amount), Money.class,
                        "money needs \"amount\" as a decimal string, e.g. \"1250.00\"");
            }
            if (currency == null || !currency.isTextual()) {
                throw ctxt.weirdStringException(String.valueOf(currency), Money.class,
                        "money needs \"currency\" as an ISO 4217 code, e.g. \"USD\"");
            }
            if (node.size() != 2) {
                throw ctxt.weirdStringException(node.toString(), Money.class,
                        "money has exactly the fields \"amount\" and \"currency\"");
            }
            try {
                BigDecimal value = new BigDecimal(amount.asText());
                String outOfRange = outOfRange(value);
                if (outOfRange != null) {
                    throw ctxt.weirdNumberException(value, Money.class, outOfRange);
                }
                return Money.of(value, Money.currency(currency.asText()));
            } catch (NumberFormatException e) {
                throw ctxt.weirdStringException(amount.asText(), Money.class, "not a decimal number");
            } catch (BillingException e) {
                throw ctxt.weirdStringException(amount.asText(), Money.class, e.getMessage());
            }
        }
    }
}
