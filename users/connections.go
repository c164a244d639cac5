package users

import (
	"context"
	"net/http"

	"github.com/go-clerk/clerk/internal"
)

// DeleteExternalAccount disconnects one of the user's external (OAuth)
// accounts, by its ID (ExternalAccount.ID, "eac_..."). Clerk API:
// DELETE /users/{user_id}/external_accounts/{external_account_id}.
func (s *Service) DeleteExternalAccount(ctx context.Context, userID, externalAccountID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/users/{user_id}/external_accounts/{external_account_id}", nil, userID, externalAccountID)
}

// DeletePasskey deletes one of the user's passkeys, by its identification
// ID (Passkey.ID). Clerk API:
// DELETE /users/{user_id}/passkeys/{passkey_identification_id}.
func (s *Service) DeletePasskey(ctx context.Context, userID, passkeyID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/users/{user_id}/passkeys/{passkey_identification_id}", nil, userID, passkeyID)
}

// DeleteWeb3Wallet deletes one of the user's web3 wallets, by its
// identification ID (Web3Wallet.ID). Clerk API:
// DELETE /users/{user_id}/web3_wallets/{web3_wallet_identification_id}.
func (s *Service) DeleteWeb3Wallet(ctx context.Context, userID, web3WalletID string) error {
	return internal.Exec(ctx, s.core(), http.MethodDelete, "/users/{user_id}/web3_wallets/{web3_wallet_identification_id}", nil, userID, web3WalletID)
}
