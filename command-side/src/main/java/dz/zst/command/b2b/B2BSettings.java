package dz.zst.command.b2b;

import dz.zst.domain.b2b.AuctionRules;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auction settings of API.md §8 ({@code B2B_MIN_BID_INCREMENT}, {@code B2B_AUCTION_EXTENSION},
 * {@code B2B_AUCTION_MAX_EXTENSION}, {@code B2B_ENDING_SOON_NOTICE}), as Spring durations so tests
 * can shrink them ({@code 3s}); handed to {@link B2BOffer}'s handlers as a parameter.
 */
@Configuration
public class B2BSettings {

    @Bean
    public AuctionRules auctionRules(@Value("${zst.b2b.min-bid-increment:100}") BigDecimal minIncrement,
                                     @Value("${zst.b2b.auction-extension:2m}") Duration extension,
                                     @Value("${zst.b2b.auction-max-extension:30m}") Duration maxExtension,
                                     @Value("${zst.b2b.ending-soon-notice:10m}") Duration endingSoonNotice) {
        return new AuctionRules(minIncrement, extension, maxExtension, endingSoonNotice);
    }
}
