#!/usr/bin/env bash
# Creates N fournisseur products through the API (default 10,000), 8 requests at a time, and writes
# their ids to results/product-ids.txt for the by-id scenario.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
N="${1:-10000}"
TOKEN=$(dev_token "bench-seller@zst.test" fournisseur)
CATEGORIES=(perfume makeup skincare haircare fashion accessories electronics food home beauty)
: > "$RESULTS/product-ids.txt"
seq 1 "$N" | xargs -P 8 -I{} bash -c '
  i={}; cats=('"${CATEGORIES[*]}"'); cat=${cats[$((i % ${#cats[@]}))]}
  curl -sf -X POST "'"$BASE"'/api/v1/products" -H "Authorization: Bearer '"$TOKEN"'" -H "Content-Type: application/json" \
    -d "{\"name\":\"Bench product $i\",\"brand\":\"Brand $((i % 40))\",\"description\":\"Produit de test numéro $i, description assez longue pour ressembler à une vraie fiche produit du catalogue.\",\"price\":$((500 + i % 9000)).50,\"stock\":$((1 + i % 50)),\"category\":\"$cat\",\"tags\":[\"bench\",\"t$((i % 7))\"],\"images\":[\"https://cdn.zst.test/p/$i.jpg\"]}" \
    | jq -r .id' >> "$RESULTS/product-ids.txt"
echo "created $(wc -l < "$RESULTS/product-ids.txt") products"
