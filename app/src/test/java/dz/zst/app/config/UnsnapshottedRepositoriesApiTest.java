package dz.zst.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiTestBase;
import dz.zst.command.cart.Cart;
import dz.zst.command.catalog.Product;
import dz.zst.command.reels.ReelLike;
import dz.zst.command.reels.ReelViewer;
import dz.zst.command.shared.UnsnapshottedRepository;
import dz.zst.command.users.User;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The aggregates created by their first command load through {@link UnsnapshottedRepository}; the
 * snapshotted product keeps Axon's repository (its snapshots must still be read).
 */
class UnsnapshottedRepositoriesApiTest extends ApiTestBase {

    @Autowired
    Configuration axon;

    @Test
    void likesViewsCartsAndUsersLoadWithoutSnapshotQueriesButProductsReadTheirSnapshots() {
        for (Class<?> type : new Class<?>[] {ReelLike.class, ReelViewer.class, Cart.class, User.class}) {
            assertThat(axon.repository(type)).as(type.getSimpleName()).isInstanceOf(UnsnapshottedRepository.class);
        }
        assertThat(axon.repository(Product.class)).isNotInstanceOf(UnsnapshottedRepository.class);
    }
}
