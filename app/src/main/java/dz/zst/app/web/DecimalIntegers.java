package dz.zst.app.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Integer query, path and header parameters as the API reads them: an optional sign and ASCII
 * decimal digits, leading zeros allowed ({@code 05} is 5, never octal). Spring's own number
 * conversion (NumberUtils.parseNumber, Spring Framework 6.2) first strips every whitespace
 * character, then reads {@code 0x10} and {@code #10} as hexadecimal through Integer.decode, and
 * Integer.valueOf takes any Unicode digit: {@code page=0x10} was page 16 and {@code page=1 0} page
 * 10. An editor on every binder, not a converter: when a converter refuses a value, Spring's
 * TypeConverterDelegate retries with the default number editor, which takes it.
 */
@ControllerAdvice
public class DecimalIntegers {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");

    @InitBinder
    void decimalOnly(WebDataBinder binder) {
        binder.registerCustomEditor(int.class, new Editor(Integer::valueOf, false));
        binder.registerCustomEditor(Integer.class, new Editor(Integer::valueOf, true));
        binder.registerCustomEditor(long.class, new Editor(Long::valueOf, false));
        binder.registerCustomEditor(Long.class, new Editor(Long::valueOf, true));
    }

    /** Empty is no value for a wrapper, as with Spring's editor: the parameter's default or "required" applies. */
    private static final class Editor extends PropertyEditorSupport {
        private final Function<String, Number> reader;
        private final boolean allowEmpty;

        Editor(Function<String, Number> reader, boolean allowEmpty) {
            this.reader = reader;
            this.allowEmpty = allowEmpty;
        }

        @Override
        public void setAsText(String text) {
            if (allowEmpty && (text == null || text.isEmpty())) {
                setValue(null);
                return;
            }
            if (text == null || !DECIMAL.matcher(text).matches()) {
                throw new Refused("must be an integer in decimal digits");
            }
            try {
                setValue(reader.apply(text));
            } catch (NumberFormatException tooLong) {
                throw new Refused("is out of range");
            }
        }
    }

    /** Why a value was refused, completed by the parameter's name where the error is answered. */
    public static final class Refused extends IllegalArgumentException {
        Refused(String reason) {
            super(reason);
        }
    }
}
