package dz.zst.domain.catalog;

import dz.zst.domain.shared.PagedResult;

/** A concrete page type: query response types must be reifiable for the query bus. */
public record ProductPage(PagedResult<ProductView> page) {
}
