package internal

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
)

// MaxUploadBytes caps a file upload (Clerk takes images up to 10 MB).
const MaxUploadBytes = 10 << 20

// Multipart is a multipart/form-data body: optional fields and one file. It
// is buffered in memory, so a retry can send it again.
type Multipart struct {
	// Fields are plain form fields sent before the file.
	Fields map[string]string
	// FileField is the form field name of the file, such as "file".
	FileField string
	// FileName is the file's name in the form ("file" when empty).
	FileName string
	// File is read whole, up to MaxUploadBytes, when the request is built.
	File io.Reader
}

func (m *Multipart) encode() ([]byte, string, error) {
	if m.File == nil {
		return nil, "", fmt.Errorf("%w: no file to upload", ErrInvalidParams)
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range m.Fields {
		if err := w.WriteField(k, v); err != nil {
			return nil, "", err
		}
	}
	name := m.FileName
	if name == "" {
		name = "file"
	}
	fw, err := w.CreateFormFile(m.FileField, name)
	if err != nil {
		return nil, "", err
	}
	n, err := io.Copy(fw, io.LimitReader(m.File, MaxUploadBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("clerk: reading the file to upload: %w", err)
	}
	if n > MaxUploadBytes {
		return nil, "", fmt.Errorf("%w: file is larger than %d bytes", ErrInvalidParams, MaxUploadBytes)
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), w.FormDataContentType(), nil
}
