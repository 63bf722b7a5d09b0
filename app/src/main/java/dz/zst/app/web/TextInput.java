package dz.zst.app.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Text as the API accepts it. PostgreSQL text cannot hold the NUL character. Left alone, a NUL in a query parameter was a 500,
 * and one in a JSON field was worse: the event would be stored and its projection would fail on
 * it. Both are refused at the edge with a 400: NULs in the query string here, NULs in JSON strings
 * by the HTTP mapper's string deserializer, which also refuses numbers and booleans sent for text.
 */
@Configuration
public class TextInput {

    static final String MESSAGE = "text must not contain NUL characters";

    /** A Module bean: Spring Boot installs it on the HTTP mapper beside the modules it finds. */
    @Bean
    public Module rejectNulInJsonStrings() {
        SimpleModule module = new SimpleModule("reject-nul");
        module.addDeserializer(String.class, new NulRejectingStringDeserializer());
        return module;
    }

    @Bean
    public QueryStringFilter rejectNulInQueryStrings(ProblemWriter problems) {
        return new QueryStringFilter(problems);
    }

    static final class NulRejectingStringDeserializer extends StdScalarDeserializer<String> {
        NulRejectingStringDeserializer() {
            super(String.class);
        }

        /** Only JSON strings: a number or boolean where text is expected is a wrong type (API.md §1). */
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(parser, MESSAGE, value, String.class);
            }
            return value;
        }
    }

    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    static final class QueryStringFilter extends OncePerRequestFilter {
        private final ProblemWriter problems;

        QueryStringFilter(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String query = request.getQueryString();
            if (query != null && query.toLowerCase(Locale.ROOT).contains("%00")) {
                problems.write(response, HttpStatus.BAD_REQUEST, "Query parameters: " + MESSAGE);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
