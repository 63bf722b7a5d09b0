package dz.zst.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void foldsTypographicQuotesToPlainOnes() {
        for (String typed : new String[] {"d\u2019Argan", "d\u2018argan", "d\u02BCargan", "d\u2032argan", "d`argan",
                "d\u00B4argan", "D'ARGAN", "d\uFF07argan"}) {
            assertThat(Slugs.fold(typed)).as(typed).isEqualTo("d'argan");
        }
        for (String typed : new String[] {"\u201CNuit\u201D", "\u00ABNuit\u00BB", "\u201ENuit\u201F", "\"Nuit\"",
                "\u2033Nuit\u2033"}) {
            assertThat(Slugs.fold(typed)).as(typed).isEqualTo("\"nuit\"");
        }
        assertThat(Slugs.fold("Thé à l\u2019Été")).isEqualTo("the a l'ete");
    }

    @Test
    void slugsStayAsTheyWere() {
        assertThat(Slugs.kebab("Huile d\u2019argan \u00ABbio\u00BB")).isEqualTo("huile-d-argan-bio");
        assertThat(Slugs.kebab("Huile d\u00B4argan")).isEqualTo("huile-d-argan");
    }
}
