package dz.zst.domain.orders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhonesTest {

    @Test
    void aQueryStringSpaceBeforeACountryCodeWasItsPlus() {
        assertThat(Phones.national(Phones.fromQuery(" 213661234567"))).isEqualTo("0661234567");
        assertThat(Phones.national(Phones.fromQuery(" 213 661 23 45 67"))).isEqualTo("0661234567");
        assertThat(Phones.national(Phones.fromQuery("+213661234567"))).isEqualTo("0661234567");
        assertThat(Phones.national(Phones.fromQuery(" 0661234567"))).isEqualTo("0661234567");
        assertThat(Phones.national(Phones.fromQuery("0661234567"))).isEqualTo("0661234567");
        assertThat(Phones.fromQuery(" ")).isEqualTo(" ");
        assertThat(Phones.fromQuery(null)).isNull();
    }
}
