package dz.zst.domain.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeographyTest {

    private static String code(String text) {
        return Geography.wilaya(text).map(Wilaya::code).orElse(null);
    }

    @Test
    void listsThe58WilayasInCodeOrderWithTwoDigitCodes() {
        List<Wilaya> wilayas = Geography.wilayas();
        assertThat(wilayas).hasSize(58);
        for (int i = 0; i < wilayas.size(); i++) {
            assertThat(wilayas.get(i).code()).isEqualTo(String.format("%02d", i + 1));
            assertThat(wilayas.get(i).nameFr()).isNotBlank();
            assertThat(wilayas.get(i).nameAr()).isNotBlank();
        }
        assertThat(wilayas.get(15)).isEqualTo(new Wilaya("16", "Alger", "الجزائر"));
    }

    @Test
    void resolvesCodesWithOrWithoutLeadingZero() {
        assertThat(code("16")).isEqualTo("16");
        assertThat(code("1")).isEqualTo("01");
        assertThat(code("01")).isEqualTo("01");
        assertThat(code(" 58 ")).isEqualTo("58");
        assertThat(code("0")).isNull();
        assertThat(code("59")).isNull();
    }

    @Test
    void resolvesNamesWhateverTheCaseAccentsAndPunctuation() {
        assertThat(code("alger")).isEqualTo("16");
        assertThat(code("BEJAIA")).isEqualTo("06");
        assertThat(code("Béjaïa")).isEqualTo("06");
        assertThat(code("bordj bou arreridj")).isEqualTo("34");
        assertThat(code("Bordj-Bou-Arréridj")).isEqualTo("34");
        assertThat(code("El M'Ghair")).isEqualTo("57");
        assertThat(code("el meghaier")).isEqualTo("57");
        assertThat(code("oum el bouaghi")).isEqualTo("04");
    }

    @Test
    void unknownOrBlankIsEmpty() {
        assertThat(Geography.wilaya("Atlantis")).isEmpty();
        assertThat(Geography.wilaya("")).isEmpty();
        assertThat(Geography.wilaya("  ")).isEmpty();
        assertThat(Geography.wilaya(null)).isEmpty();
    }

    @Test
    void communesByCode() {
        List<Commune> algiers = Geography.communes("16").orElseThrow();
        assertThat(algiers).isNotEmpty();
        assertThat(algiers).allSatisfy(c -> {
            assertThat(c.name()).isNotBlank();
            assertThat(c.daira()).isNotBlank();
        });
        assertThat(Geography.communes("1")).isEqualTo(Geography.communes("01"));
        assertThat(Geography.communes("01").orElseThrow()).extracting(Commune::name).contains("Adrar");
        assertThat(Geography.communes("99")).isEmpty();
        assertThat(Geography.communes("alger")).as("communes are looked up by code only").isEmpty();
    }

    @Test
    void everyWilayaHasCommunes() {
        for (Wilaya wilaya : Geography.wilayas()) {
            assertThat(Geography.communes(wilaya.code()).orElseThrow()).as(wilaya.nameFr()).isNotEmpty();
        }
    }
}
