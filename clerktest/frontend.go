package clerktest

import (
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/go-clerk/clerk"
	"github.com/go-clerk/clerk/sessions"
	"github.com/go-clerk/clerk/users"
)

// The Frontend API: what a browser reaches of Clerk, enough for a
// server-rendered app's handshake and sign-in to run offline. The server's
// publishable key is a development instance's (pk_test_), so it models a
// development instance's flow, where a dev-browser token (__clerk_db_jwt)
// stands for the browser's Clerk client:
//
//   - GET /fapi/v1/client/handshake: Clerk's handshake endpoint. It finds
//     the client by the __clerk_db_jwt parameter (or makes a new one), and
//     sends the browser back to redirect_url with the Set-Cookie directives
//     of the client's state: a nonce (format=nonce, the SDKs' default)
//     that GET /v1/clients/handshake_payload exchanges for them once, or a
//     handshake token (__clerk_handshake) signed with the server's key.
//     An organization_id parameter (clerk.WithOrganizationSync) first
//     activates that organization (by ID or slug, if the user is a member;
//     "" the personal account) for the client's session;
//   - GET and POST /accounts/sign-in: a sign-in page, as the Account Portal
//     is, with a form that takes a user ID: it starts a session for the
//     client and sends the browser back to redirect_url with the
//     dev-browser token, from where the app's handshake picks the session
//     up.
//
// The directives set __session and __client_uat (and __clerk_db_jwt), each
// also suffixed with the instance's cookie suffix (clerk.CookieSuffix), as
// Clerk's Frontend API sets them: a session token of 60 seconds for a
// signed-in client (with azp the app's origin), an expired __session and
// __client_uat=0 for a signed-out one.

// Paths of the Frontend API and the sign-in page on the server.
const (
	frontendPath = "/fapi"
	signInPath   = "/accounts/sign-in"
)

// frontend is the Frontend API's state, guarded by Server.mu.
type frontend struct {
	devBrowsers map[string]*devBrowser // by token
	nonces      map[string][]string    // handshake payloads, by nonce
}

// devBrowser is a development instance's browser: its Clerk client.
type devBrowser struct {
	token     string
	clientID  string
	sessionID string    // the client's session, "" when signed out
	updatedAt time.Time // when the client last signed in or out: its __client_uat
}

func newFrontend() *frontend {
	return &frontend{devBrowsers: map[string]*devBrowser{}, nonces: map[string][]string{}}
}

func (s *Server) frontendRoutes() {
	s.mux.HandleFunc("GET "+frontendPath+"/v1/client/handshake", s.handshake)
	s.mux.HandleFunc("GET "+signInPath, s.signInPage)
	s.mux.HandleFunc("POST "+signInPath, s.signIn)
	// A Backend API endpoint the spec has only as a placeholder: served
	// here beside the Frontend API it belongs to.
	s.mux.HandleFunc("GET /v1/clients/handshake_payload", s.handshakePayload)
}

// devBrowserLocked returns the dev browser of token, or a new one when
// token is empty or unknown. s.mu must be held.
func (s *Server) devBrowserLocked(token string) *devBrowser {
	if db, ok := s.fapi.devBrowsers[token]; ok {
		return db
	}
	db := &devBrowser{token: "dvb_" + randomHex(16), clientID: s.db.id("client"), updatedAt: s.time()}
	s.fapi.devBrowsers[db.token] = db
	return db
}

// session returns the dev browser's active session, nil when it has none.
// s.mu must be held.
func (db *devBrowser) session(s *Server) *session {
	if db.sessionID == "" {
		return nil
	}
	x := s.db.sessions.get(db.sessionID)
	if x == nil || x.Status != sessions.StatusActive || !s.time().Before(x.ExpireAt) {
		return nil
	}
	return x
}

// handshake answers the handshake: back to redirect_url with the client's
// cookies, behind a nonce or in a handshake token.
func (s *Server) handshake(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	back, err := url.Parse(q.Get("redirect_url"))
	if err != nil || back.Host == "" || back.Scheme != "http" && back.Scheme != "https" {
		http.Error(w, "clerktest: the handshake needs an absolute http(s) redirect_url", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	db := s.devBrowserLocked(q.Get("__clerk_db_jwt"))
	if v, ok := q["organization_id"]; ok {
		s.activateLocked(db.session(s), v[0])
	}
	directives, err := s.directivesLocked(db, back.Scheme+"://"+back.Host)
	var param, value string
	if err == nil {
		if q.Get("format") == "nonce" {
			param, value = "__clerk_handshake_nonce", "hsn_"+randomHex(16)
			s.fapi.nonces[value] = directives
		} else {
			param = "__clerk_handshake"
			value, err = s.handshakeToken(directives)
		}
	}
	s.mu.Unlock()
	if err != nil {
		http.Error(w, "clerktest: "+err.Error(), http.StatusInternalServerError)
		return
	}
	if back.RawQuery != "" {
		back.RawQuery += "&"
	}
	back.RawQuery += param + "=" + url.QueryEscape(value)
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, back.String(), http.StatusTemporaryRedirect)
}

// activateLocked makes an organization (by ID or slug) the session's
// active one, as the handshake's organization_id asks (clerk's
// WithOrganizationSync sends it); "" activates the personal account. An
// organization that does not exist, or of which the user is not a member,
// leaves the session as it is, as Clerk does. s.mu must be held.
func (s *Server) activateLocked(x *session, idOrSlug string) {
	if x == nil {
		return
	}
	if idOrSlug == "" {
		x.LastActiveOrganizationID, x.org = "", nil
		return
	}
	o, err := s.org(idOrSlug)
	if err != nil || s.membershipOf(o.ID, x.UserID) == nil {
		return
	}
	x.LastActiveOrganizationID, x.org = o.ID, nil
}

// directivesLocked are the Set-Cookie directives of a dev browser's state,
// unsuffixed and suffixed. s.mu must be held.
func (s *Server) directivesLocked(db *devBrowser, origin string) ([]string, error) {
	session, uat := "", "0"
	if x := db.session(s); x != nil {
		tok, err := s.mint(x, tokenConfig{lifetime: defaultTokenLifetime, claims: map[string]any{"azp": origin}})
		if err != nil {
			return nil, err
		}
		session, uat = tok, strconv.FormatInt(db.updatedAt.Unix(), 10)
	}
	const long = "; Path=/; Max-Age=315360000; SameSite=Lax"
	var out []string
	for _, sfx := range []string{"", "_" + clerk.CookieSuffix(s.PublishableKey)} {
		if session != "" {
			out = append(out, clerk.SessionCookie+sfx+"="+session+"; Path=/; SameSite=Lax")
		} else {
			out = append(out, clerk.SessionCookie+sfx+"=; Path=/; Max-Age=0; SameSite=Lax")
		}
		out = append(out, "__client_uat"+sfx+"="+uat+long, "__clerk_db_jwt"+sfx+"="+db.token+long)
	}
	return out, nil
}

// handshakeToken signs directives as a handshake token: the session token's
// category, the server's key.
func (s *Server) handshakeToken(directives []string) (string, error) {
	now := s.now()
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{
		"handshake": directives, "iat": now.Unix(), "exp": now.Add(time.Minute).Unix(),
	})
	t.Header["kid"] = s.InstanceID
	t.Header["cat"] = "cl_B7d4PD111AAA"
	return t.SignedString(s.key)
}

// handshakePayload answers GET /v1/clients/handshake_payload: a nonce's
// directives, once.
func (s *Server) handshakePayload(w http.ResponseWriter, r *http.Request) {
	nonce := r.URL.Query().Get("nonce")
	s.mu.Lock()
	d, ok := s.fapi.nonces[nonce]
	delete(s.fapi.nonces, nonce)
	s.mu.Unlock()
	if !ok {
		writeError(w, notFound("Handshake nonce"))
		return
	}
	b, err := json.Marshal(map[string]any{"object": "handshake_payload", "directives": d})
	if err != nil {
		writeError(w, &apiError{status: http.StatusInternalServerError, code: "internal_clerk_error", msg: err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, b)
}

var signInTemplate = template.Must(template.New("sign-in").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in · clerktest</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:4rem auto}input,button{font:inherit;padding:.4rem}</style>
</head><body>
<h1>Sign in</h1>
<p>clerktest's sign-in page: any user of the server, by ID.</p>
{{with .Error}}<p id="error" style="color:#b00">{{.}}</p>{{end}}
<form method="post" action="{{.Action}}">
<input type="hidden" name="redirect_url" value="{{.RedirectURL}}">
<input type="hidden" name="__clerk_db_jwt" value="{{.DevBrowser}}">
<label>User ID <input id="user_id" name="user_id" list="users" required autofocus></label>
<datalist id="users">{{range .Users}}<option value="{{.ID}}">{{.Name}}</option>{{end}}</datalist>
<button id="sign-in" type="submit">Sign in</button>
</form>
{{if .Users}}<ul>{{range .Users}}<li><code>{{.ID}}</code> {{.Name}}</li>{{end}}</ul>{{end}}
</body></html>
`))

// signInData is what the sign-in page shows.
type signInData struct {
	Action, RedirectURL, DevBrowser, Error string
	Users                                  []signInUser
}

type signInUser struct{ ID, Name string }

// signInPage shows the sign-in form.
func (s *Server) signInPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.renderSignIn(w, http.StatusOK, q.Get("redirect_url"), q.Get("__clerk_db_jwt"), "")
}

func (s *Server) renderSignIn(w http.ResponseWriter, status int, redirectURL, devBrowser, msg string) {
	s.mu.Lock()
	var list []signInUser
	for _, u := range s.db.users.filter(func(*users.User) bool { return true }) {
		name := strings.TrimSpace(u.FirstName + " " + u.LastName)
		if len(u.EmailAddresses) > 0 && name == "" {
			name = u.EmailAddresses[0].EmailAddress
		}
		list = append(list, signInUser{u.ID, name})
	}
	s.mu.Unlock()
	if len(list) > 50 {
		list = list[:50]
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = signInTemplate.Execute(w, signInData{Action: signInPath, RedirectURL: redirectURL, DevBrowser: devBrowser, Error: msg, Users: list})
}

// signIn signs the form's user in on the client and sends the browser back.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "clerktest: a sign-in form that does not parse", http.StatusBadRequest)
		return
	}
	back, token, userID := r.PostForm.Get("redirect_url"), r.PostForm.Get("__clerk_db_jwt"), strings.TrimSpace(r.PostForm.Get("user_id"))
	var to *url.URL
	if back != "" {
		u, err := url.Parse(back)
		if err != nil || u.Host == "" || u.Scheme != "http" && u.Scheme != "https" {
			s.renderSignIn(w, http.StatusBadRequest, back, token, "redirect_url is not an absolute http(s) URL.")
			return
		}
		to = u
	}
	s.mu.Lock()
	u := s.db.users.get(userID)
	var msg string
	switch {
	case u == nil:
		msg = "No user has the ID " + strconv.Quote(userID) + "."
	case u.Banned || u.Locked:
		msg = "This user may not sign in."
	}
	var db *devBrowser
	if msg == "" {
		db = s.devBrowserLocked(token)
		if old := db.session(s); old != nil {
			old.Status, old.UpdatedAt = sessions.StatusEnded, s.time()
		}
		x, err := s.newSession(userID, "", nil)
		if err != nil {
			msg = err.Error()
		} else {
			x.ClientID = db.clientID
			db.sessionID, db.updatedAt = x.ID, s.time()
		}
	}
	s.mu.Unlock()
	if msg != "" {
		s.renderSignIn(w, http.StatusBadRequest, back, token, msg)
		return
	}
	if to == nil {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("Signed in as " + userID + ".\n"))
		return
	}
	// As the Account Portal does: back to the app with the dev-browser
	// token, which the app's handshake carries to the Frontend API.
	if _, ok := to.Query()["__clerk_db_jwt"]; !ok {
		if to.RawQuery != "" {
			to.RawQuery += "&"
		}
		to.RawQuery += "__clerk_db_jwt=" + url.QueryEscape(db.token)
	}
	http.Redirect(w, r, to.String(), http.StatusSeeOther)
}
